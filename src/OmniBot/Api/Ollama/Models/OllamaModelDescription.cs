using System.Globalization;
using System.Text.Json.Nodes;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Templates;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;

namespace OmniBot.Api.Ollama.Models;

/// <summary>Builds <c>/api/show</c>'s answer from a model's GGUF file and the server's defaults.</summary>
internal static class OllamaModelDescription
{
    /// <summary>Arrays longer than this (the vocabulary, merges) are shown as null unless the request is verbose, as Ollama does.</summary>
    private const int LongArray = 64;

    private const string ChatTemplateKey = "tokenizer.chat_template";

    public static OllamaShowResponse Describe(ModelManifest manifest, GgufModelInfo info, ModelHostOptions host, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(host);
        var metadata = info.File.Metadata;
        var encoderOnly = metadata.TryGetValue($"{info.Architecture}.attention.causal", out var causal) && causal.Type == GgufValueType.Bool && !causal.AsBool();
        var template = encoderOnly ? string.Empty : info.ChatTemplate ?? ChatTemplateRenderer.DefaultChatMLTemplate;
        return new OllamaShowResponse
        {
            License = metadata.TryGetValue("general.license", out var license) && license.Type == GgufValueType.String ? license.AsString() : null,
            Parameters = encoderOnly ? string.Empty : Parameters(host),
            Template = template,
            Details = OllamaModelDetails.From(manifest.Facts),
            ModelInfo = ModelInfo(info, verbose),
            Capabilities = Capabilities(info, encoderOnly, template),
            ModifiedAt = manifest.AddedAt,
        };
    }

    private static JsonObject ModelInfo(GgufModelInfo info, bool verbose)
    {
        var result = new JsonObject();
        foreach (var (key, value) in info.File.Metadata)
        {
            // The template has its own field.
            if (key.StartsWith(ChatTemplateKey, StringComparison.Ordinal))
            {
                continue;
            }

            result[key] = !verbose && value.Type == GgufValueType.Array && value.AsArray().Count > LongArray
                ? null
                : JsonNode.Parse(value.ToJsonString());
        }

        if (!result.ContainsKey("general.parameter_count"))
        {
            result["general.parameter_count"] = info.ParameterCount;
        }

        return result;
    }

    private static List<string> Capabilities(GgufModelInfo info, bool encoderOnly, string template)
    {
        if (encoderOnly)
        {
            return [info.PoolingType == GgufPoolingType.Rank ? "rerank" : "embedding"];
        }

        // Every chat model can call tools here: families without a syntax of their own get a generic JSON one.
        List<string> capabilities = ["completion", "tools"];
        if (ReasoningFormat.Detect(template) is not null)
        {
            capabilities.Add("thinking");
        }

        return capabilities;
    }

    private static string Parameters(ModelHostOptions host)
    {
        var sampling = host.Chat.DefaultSampling;
        var lines = new List<string>
        {
            Line("num_ctx", host.Scheduler.ContextSize ?? ModelLoadOptions.DefaultContextSize),
            Line("temperature", sampling.Temperature),
            Line("top_k", sampling.TopK),
            Line("top_p", sampling.TopP),
            Line("min_p", sampling.MinP),
            Line("repeat_penalty", sampling.RepeatPenalty),
            Line("repeat_last_n", sampling.PenaltyLastN),
        };
        return string.Join('\n', lines);
    }

    private static string Line(string name, IFormattable value) => $"{name} {value.ToString(null, CultureInfo.InvariantCulture)}";
}
