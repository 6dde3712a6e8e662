using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Inference;
using OmniBot.Server.Errors;
using OmniBot.Server.Management;
using OmniBot.Server.Models;

namespace OmniBot.Api.OpenAI.Completions;

/// <summary><c>POST /v1/completions</c>: the prompt continued as written (special tokens included), through the model's scheduler.</summary>
internal static class CompletionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ServedModels models, ModelHost host, ServerMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        var request = await OpenAIRequestReader.ReadAsync<CompletionRequest>(context.Request, cancellationToken).ConfigureAwait(false);
        var model = OpenAIRequestContext.RequireModel(request.Model);
        var prompt = CompletionOptionsMapper.Prompt(request.Prompt);
        var options = CompletionOptionsMapper.ToGenerationOptions(request, host.Options.Chat.DefaultSampling);

        var lease = await OpenAIRequestContext.LeaseAsync(context, models, host, model).ConfigureAwait(false);
        var scheduler = lease.Scheduler;
        SamplingParameters.RequireFitsContext(options.MaxTokens, scheduler.ContextSizePerSlot, "max_tokens");
        if (IgnoreEos.Requested(request.Extra))
        {
            options = options with { Sampling = options.Sampling with { LogitBias = IgnoreEos.Ban(options.Sampling.LogitBias, scheduler.EndOfGenerationTokens) } };
        }

        var id = OpenAIRequestContext.NewId("cmpl-");
        var created = OpenAIRequestContext.UnixSeconds(time);
        void Record(GenerationStats stats) => metrics.RecordGeneration(CompletionUsage.From(stats).ToUsageDetails(), stats.TotalTime);

        PrimedAsyncEnumerator<GenerationUpdate> updates;
        try
        {
            updates = await PrimedAsyncEnumerator<GenerationUpdate>.StartAsync(scheduler.CompleteStreamingAsync(prompt, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ContextOverflowException overflow)
        {
            return ApiErrorWriter.Result(context, ApiError.From(overflow)! with { Parameter = "prompt" });
        }

        var echo = request.Echo == true ? prompt : null;
        if (request.Stream == true)
        {
            var logger = loggers.CreateLogger(typeof(CompletionEndpoint).FullName!);
            var stream = new CompletionStream(id, created, model, request.StreamOptions?.IncludeUsage == true);
            return TypedResults.ServerSentEvents(stream.EventsAsync(updates, echo, lease, Record, exception => OpenAIStreamEvents.Error(context, exception, logger), cancellationToken));
        }

        await using (updates.ConfigureAwait(false))
        {
            var text = new StringBuilder(echo);
            GenerationStats? stats = null;
            while (await updates.MoveNextAsync().ConfigureAwait(false))
            {
                text.Append(updates.Current.Text);
                stats ??= updates.Current.Stats;
            }

            if (stats is null)
            {
                throw new InvalidOperationException("The generation ended without statistics.");
            }

            Record(stats);
            var choice = new CompletionChoice(text.ToString(), 0, FinishReason(stats.FinishReason));
            return Results.Json(new CompletionResponse(id, created, model, [choice], CompletionUsage.From(stats)), OpenAIJson.Options);
        }
    }

    public static string FinishReason(FinishReason reason) => reason == Engine.Inference.FinishReason.Length ? "length" : "stop";
}
