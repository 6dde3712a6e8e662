using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using OmniBot.Api.Ollama.Requests;
using OmniBot.Api.Ollama.Streaming;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Management;
using OmniBot.Server.Models;

namespace OmniBot.Api.Ollama.Chat;

/// <summary><c>POST /api/chat</c>: a conversation through the model's chat template, with tools, formats and thinking.</summary>
internal static class OllamaChatEndpoint
{
    public static Task HandleAsync(HttpContext context, ServedModels models, ModelHost host, ServerMetrics metrics, TimeProvider time) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var clock = new OllamaRequestClock(time);
            var cancellationToken = context.RequestAborted;
            var request = await OllamaJson.ReadAsync<OllamaChatRequest>(context.Request, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(request.Template))
            {
                throw OllamaApiException.BadRequest("template overrides are not supported: each model formats chats with its own chat template (see /api/show). Leave template out.");
            }

            var options = OllamaModelOptions.Parse(request.Options);
            var format = OllamaFormat.Parse(request.Format);
            var keepAlive = OllamaKeepAlive.Parse(request.KeepAlive);
            var think = OllamaThink.Parse(request.Think);
            var messages = OllamaMessageMapper.ToChatMessages(request.Messages);
            var tools = OllamaToolMapper.ToDeclarations(request.Tools);
            var spec = OllamaModelResolver.Resolve(models, host, request.Model, options.ContextSize);
            var model = request.Model!.Trim();

            if (messages.Count == 0)
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
                var chatOptions = options.ToChatOptions(spec.Id);
                chatOptions.ResponseFormat = format.ResponseFormat;
                if (tools.Count > 0)
                {
                    chatOptions.Tools = tools;
                    chatOptions.ToolMode = ChatToolMode.Auto;

                    // Ollama returns every call a model makes in a turn.
                    chatOptions.AllowMultipleToolCalls = true;
                }

                think?.ApplyTo(chatOptions);
                var updates = lease.ChatClient.GetStreamingResponseAsync(messages, chatOptions, cancellationToken);
                await OllamaReplyWriter.WriteAsync(
                    context,
                    OllamaReplySources.FromChat(updates, cancellationToken),
                    request.Stream ?? true,
                    clock,
                    metrics,
                    (part, stats) => Line(model, clock.Now, part, stats)).ConfigureAwait(false);
            }
        });

    private static OllamaChatResponse Line(string model, DateTimeOffset createdAt, OllamaReplyPart part, OllamaDoneStats? stats) => new()
    {
        Model = model,
        CreatedAt = createdAt,
        Message = new OllamaMessage { Role = "assistant", Content = part.Content, Thinking = part.Thinking, ToolCalls = part.ToolCalls },
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
