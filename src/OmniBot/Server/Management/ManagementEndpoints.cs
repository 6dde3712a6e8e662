using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniBot.Engine.Hosting;

namespace OmniBot.Server.Management;

/// <summary><c>GET /health</c>, <c>GET /metrics</c> (Prometheus text) and <c>GET /api/hardware</c>.</summary>
public static class ManagementEndpoints
{
    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (ModelHost host) => Results.Json(new { status = "ok", loadedModels = host.Loaded.Count }));
        endpoints.MapGet("/metrics", (ModelHost host, ServerMetrics metrics) => Results.Text(Prometheus(host, metrics), "text/plain; version=0.0.4; charset=utf-8"));
        endpoints.MapGet("/api/hardware", () => Results.Json(HardwareReport.Current(), ServerJson.Options));
        return endpoints;
    }

    private static string Prometheus(ModelHost host, ServerMetrics metrics)
    {
        var text = new StringBuilder();
        void Metric(string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            foreach (var (labels, value) in samples)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value}\n");
            }
        }

        var loaded = host.Loaded;
        var seconds = metrics.GenerationTime.TotalSeconds;
        Metric("omnibot_requests_total", "counter", "HTTP requests by API and status code.",
            metrics.Requests.OrderBy(entry => entry.Key).Select(entry => ($"{{api=\"{entry.Key.Api}\",status=\"{entry.Key.Status}\"}}", (double)entry.Value)));
        Metric("omnibot_prompt_tokens_total", "counter", "Prompt tokens of finished generations.", [(string.Empty, metrics.PromptTokens)]);
        Metric("omnibot_prompt_tokens_cached_total", "counter", "Prompt tokens taken from a cache instead of evaluated.", [(string.Empty, metrics.CachedPromptTokens)]);
        Metric("omnibot_completion_tokens_total", "counter", "Generated tokens of finished generations.", [(string.Empty, metrics.CompletionTokens)]);
        Metric("omnibot_generations_total", "counter", "Finished generations (chat, completion).", [(string.Empty, metrics.Generations)]);
        Metric("omnibot_prefix_cache_hits_total", "counter", "Generations whose prompt started with cached tokens.", [(string.Empty, metrics.PrefixCacheHits)]);
        Metric("omnibot_generation_seconds_total", "counter", "Time spent in generations.", [(string.Empty, seconds)]);
        Metric("omnibot_tokens_per_second", "gauge", "Generated tokens per second over all generations.", [(string.Empty, seconds > 0 ? metrics.CompletionTokens / seconds : 0)]);
        Metric("omnibot_queue_length", "gauge", "Requests waiting for a slot, per loaded model.",
            loaded.Where(model => model.Counters is not null).Select(model => (Label(model), (double)model.Counters!.QueueLength)));
        Metric("omnibot_loaded_models", "gauge", "Models loaded in memory.", [(string.Empty, loaded.Count)]);
        Metric("omnibot_model_active_requests", "gauge", "Requests using each loaded model.", loaded.Select(model => (Label(model), (double)model.ActiveRequests)));
        Metric("omnibot_model_size_bytes", "gauge", "Size of each loaded model's weights.", loaded.Select(model => (Label(model), (double)model.SizeInBytes)));
        return text.ToString();
    }

    private static string Label(HostedModelStatus model) => $"{{model=\"{model.Id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}";
}
