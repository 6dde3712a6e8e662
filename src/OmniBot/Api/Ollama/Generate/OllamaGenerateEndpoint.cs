using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using OmniBot.Api.Ollama.Requests;
using OmniBot.Api.Ollama.Streaming;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Inference;
using OmniBot.Server.Management;
using OmniBot.Server.Models;

namespace OmniBot.Api.Ollama.Generate;

/// <summary>
/// <c>POST /api/generate</c>: a prompt through the chat template (system + user, as Ollama does), or with
/// <c>raw</c> exactly as written.
/// </summary>
internal static class OllamaGenerateEndpoint
{
    public static Task HandleAsync(HttpContext context, ServedModels models, ModelHost host, ServerMetrics metrics, TimeProvider time) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var clock = new OllamaRequestClock(time);
            var cancellationToken = context.RequestAborted;
            var request = await OllamaJson.ReadAsync<OllamaGenerateRequest>(context.Request, cancellationToken).ConfigureAwait(false);
            Refuse(request);
            var options = OllamaModelOptions.Parse(request.Options);
            var format = OllamaFormat.Parse(request.Format);
            var keepAlive = OllamaKeepAlive.Parse(request.KeepAlive);
            var think = OllamaThink.Parse(request.Think);
            var spec = OllamaModelResolver.Resolve(models, host, request.Model, options.ContextSize);
            var model = request.Model!.Trim();

            if (string.IsNullOrEmpty(request.Prompt))
            {
                var reason = await OllamaPreload.RunAsync(host, spec, keepAlive, clock, cancellationToken).ConfigureAwait(false);
                var line = Line(model, clock.Now, new OllamaReplyPart(string.Empty), OllamaDoneStats.ForLoad(reason, clock));
                await OllamaJson.WriteAsync(context.Response, line, cancellationToken).ConfigureAwait(false);
                return;
            }

            var lease = await host.AcquireAsync(spec, keepAlive, cancellationToken).ConfigureAwait(false);
            await using (lease.ConfigureAwait(false))
            {
                clock.ModelReady();
                IAsyncEnumerable<OllamaReplyPart> reply;
                if (request.Raw == true)
                {
                    var generation = options.ToGenerationOptions(host.Options.Chat.DefaultSampling, format.Grammar);
                    reply = OllamaReplySources.FromCompletion(lease.Scheduler.CompleteStreamingAsync(request.Prompt, generation, cancellationToken), cancellationToken);
                }
                else
                {
                    var chatOptions = options.ToChatOptions(spec.Id);
                    chatOptions.ResponseFormat = format.ResponseFormat;
                    think?.ApplyTo(chatOptions);
                    List<ChatMessage> messages = string.IsNullOrEmpty(request.System)
                        ? [new(ChatRole.User, request.Prompt)]
                        : [new(ChatRole.System, request.System), new(ChatRole.User, request.Prompt)];
                    reply = OllamaReplySources.FromChat(lease.ChatClient.GetStreamingResponseAsync(messages, chatOptions, cancellationToken), cancellationToken);
                }

                await OllamaReplyWriter.WriteAsync(context, reply, request.Stream ?? true, clock, metrics, (part, stats) => Line(model, clock.Now, part, stats)).ConfigureAwait(false);
            }
        });

    private static void Refuse(OllamaGenerateRequest request)
    {
        if (request.Images is { Count: > 0 })
        {
            throw OllamaApiException.BadRequest("images are not supported: the models served here read text only. Send the prompt without images.");
        }

        if (!string.IsNullOrEmpty(request.Suffix))
        {
            throw OllamaApiException.BadRequest("suffix (fill-in-the-middle) is not supported by this server: send the text before the insertion point as the prompt, without suffix.");
        }

        if (!string.IsNullOrEmpty(request.Template))
        {
            throw OllamaApiException.BadRequest("template overrides are not supported: each model formats prompts with its own chat template (see /api/show), or use raw: true to send the prompt as written.");
        }

        if (request.Context is { Count: > 0 })
        {
            throw OllamaApiException.BadRequest("context is not supported: this server returns no context to send back. Keep the conversation yourself and send it to /api/chat.");
        }
    }

    private static OllamaGenerateResponse Line(string model, DateTimeOffset createdAt, OllamaReplyPart part, OllamaDoneStats? stats) => new()
    {
        Model = model,
        CreatedAt = createdAt,
        Response = part.Content,
        Thinking = part.Thinking,
        Done = stats is not null,
        DoneReason = stats?.DoneReason,
        TotalDuration = stats?.TotalDuration,
        LoadDuration = stats?.LoadDuration,
        PromptEvalCount = stats?.PromptEvalCount,
        PromptEvalDuration = stats?.PromptEvalDuration,
        EvalCount = stats?.EvalCount,
        EvalDuration = stats?.EvalDuration,
    };
}
