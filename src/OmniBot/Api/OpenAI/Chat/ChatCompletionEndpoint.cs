using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Management;
using OmniBot.Server.Models;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary><c>POST /v1/chat/completions</c>, streamed as server-sent events or answered whole.</summary>
internal static class ChatCompletionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ServedModels models, ModelHost host, ServerMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        var request = await OpenAIRequestReader.ReadAsync<ChatCompletionRequest>(context.Request, cancellationToken).ConfigureAwait(false);
        var model = OpenAIRequestContext.RequireModel(request.Model);
        var messages = ChatMessagesMapper.ToChatMessages(request.Messages);
        var options = ChatRequestMapper.ToOptions(request);
        var parameter = request.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens";

        var lease = await OpenAIRequestContext.LeaseAsync(context, models, host, model).ConfigureAwait(false);
        var client = lease.ChatClient;
        SamplingParameters.RequireFitsContext(options.MaxOutputTokens, lease.Scheduler.ContextSizePerSlot, parameter);
        if (IgnoreEos.Requested(request.Extra))
        {
            ChatRequestMapper.BanEndOfGeneration(options, lease.Scheduler.EndOfGenerationTokens);
        }

        var id = OpenAIRequestContext.NewId("chatcmpl-");
        var created = OpenAIRequestContext.UnixSeconds(time);
        var started = time.GetTimestamp();
        void Record(UsageDetails? usage) => metrics.RecordGeneration(usage, time.GetElapsedTime(started));

        var updates = client.GetStreamingResponseAsync(messages, options, cancellationToken);
        if (request.Stream != true)
        {
            var response = await updates.ToChatResponseAsync(cancellationToken).ConfigureAwait(false);
            Record(response.Usage);
            return Results.Json(ChatCompletionMapper.ToResponse(response, id, created, model), OpenAIJson.Options);
        }

        var primed = await PrimedAsyncEnumerator<ChatResponseUpdate>.StartAsync(updates, cancellationToken).ConfigureAwait(false);
        var logger = loggers.CreateLogger(typeof(ChatCompletionEndpoint).FullName!);
        var stream = new ChatCompletionStream(id, created, model, request.StreamOptions?.IncludeUsage == true);
        return TypedResults.ServerSentEvents(stream.EventsAsync(primed, lease, Record, exception => OpenAIStreamEvents.Error(context, exception, logger), cancellationToken));
    }
}
