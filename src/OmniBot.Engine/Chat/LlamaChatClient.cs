using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Tools;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Microsoft.Extensions.AI chat over an in-process llama.cpp model. Messages are formatted with the
/// model's own chat template and generated through the model's shared <see cref="InferenceScheduler"/>,
/// so any number of conversations may use one client at once.
/// </summary>
public sealed class LlamaChatClient : IChatClient
{
    private readonly InferenceScheduler _scheduler;
    private readonly ChatPromptFormatter _formatter;
    private readonly LlamaChatClientOptions _options;
    private readonly ChatClientMetadata _metadata;

    public LlamaChatClient(InferenceScheduler scheduler, LlamaChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
        _options = options ?? new LlamaChatClientOptions();
        _formatter = ChatPromptFormatter.ForModel(scheduler.Model, _options.TemplateName, _options.Template, scheduler.SpecialTokenTexts);
        _metadata = new ChatClientMetadata("omnibot", null, _options.ModelId ?? scheduler.ModelName);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var generation = ChatOptionsMapper.ToGenerationOptions(options, _options.DefaultSampling, _options.DefaultSpeculation);
        generation = generation.Grammar is null && _options.DefaultGrammar is not null ? generation with { Grammar = _options.DefaultGrammar } : generation;
        var (prompt, dropped) = ConversationFitter.Fit(
            messages.ToList(),
            candidate =>
            {
                var formatted = _formatter.Format(candidate, options);
                return (_scheduler.Tokenize(formatted.Segments).Count, formatted);
            },
            _scheduler.ContextSizePerSlot - ReplyRoom(generation),
            _options.KeepFirstUserTurn);
        if (prompt.Reasoning is { } format && ChatOptionsMapper.ThinkingBudget(options, _options.ThinkingBudget) is { } budget)
        {
            generation = generation with { ThinkingBudget = new ThinkingBudget(budget, format, prompt.StartsInThinking) };
        }

        var tools = ToolDeclarations(options);
        // A required call is the whole reply, so a template that opens the thinking gets no reasoning this turn.
        var forcedCall = tools.Count > 0 && options!.ToolMode is RequiredChatToolMode;
        var splitter = prompt.Reasoning is { } reasoningFormat && !forcedCall ? new ReasoningStreamSplitter(reasoningFormat, prompt.StartsInThinking) : null;
        if (tools.Count > 0)
        {
            // Required: the reply is calls. Auto: free text until the family's call opener, then the call is constrained.
            var preserved = _scheduler.SingleTokenIds(ToolCallMarkers.Preserved(prompt.ToolSyntax));
            generation = generation with { Grammar = generation.Grammar ?? ToolGrammar(tools, prompt.ToolSyntax, options!.ToolMode, options.AllowMultipleToolCalls == true, preserved), PreservedTokens = preserved };
        }

        // With tools the answer is held until it is complete: only then can it be told apart from a call.
        var answer = tools.Count > 0 ? new System.Text.StringBuilder() : null;
        var responseId = Guid.NewGuid().ToString("N");
        var modelId = options?.ModelId ?? _metadata.DefaultModelId;
        var createdAt = DateTimeOffset.UtcNow;

        await foreach (var update in _scheduler.GenerateAsync(prompt.Segments, generation, cancellationToken).ConfigureAwait(false))
        {
            var pieces = splitter is null
                ? [new ReplyPiece(update.Text, false)]
                : update.IsFinal ? [.. splitter.Append(update.Text), .. splitter.Flush()] : splitter.Append(update.Text);
            foreach (var piece in pieces.Where(piece => piece.Text.Length > 0))
            {
                if (answer is not null && !piece.IsReasoning)
                {
                    answer.Append(piece.Text);
                    continue;
                }

                AIContent content = piece.IsReasoning ? new TextReasoningContent(piece.Text) : new TextContent(piece.Text);
                yield return new ChatResponseUpdate(ChatRole.Assistant, [content])
                {
                    ResponseId = responseId,
                    MessageId = responseId,
                    ModelId = modelId,
                    CreatedAt = createdAt,
                };
            }

            if (update.Stats is { } stats)
            {
                List<AIContent> calls = [];
                if (answer is not null)
                {
                    calls = CallsAndText(answer.ToString(), prompt.ToolSyntax, tools, out var heldText);
                    yield return new ChatResponseUpdate(ChatRole.Assistant, [.. heldText, .. calls])
                    {
                        ResponseId = responseId,
                        MessageId = responseId,
                        ModelId = modelId,
                        CreatedAt = createdAt,
                    };
                }

                yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage(stats))])
                {
                    ResponseId = responseId,
                    MessageId = responseId,
                    ModelId = modelId,
                    CreatedAt = createdAt,
                    FinishReason = calls.Count > 0 ? ChatFinishReason.ToolCalls
                        : stats.FinishReason == FinishReason.Length ? ChatFinishReason.Length
                        : ChatFinishReason.Stop,
                    AdditionalProperties = new AdditionalPropertiesDictionary
                    {
                        ["prompt_tokens_evaluated"] = stats.PromptTokensEvaluated,
                        ["time_to_first_token_ms"] = stats.TimeToFirstToken.TotalMilliseconds,
                        ["completion_tokens_per_second"] = stats.CompletionTokensPerSecond,
                        ["draft_tokens"] = stats.DraftTokens,
                        ["dropped_messages"] = dropped,
                        ["accepted_draft_tokens"] = stats.AcceptedDraftTokens,
                    },
                };
            }
        }
    }

    /// <summary>
    /// Required: the reply is calls. Auto: free text until the model writes the family's call opener as one token,
    /// then the call is constrained (a lazy grammar); where the opener is not one token in this vocabulary the
    /// reply stays free and is parsed when complete. Functionary picks text or a call on its first line, which its grammar offers.
    /// </summary>
    /// <param name="parallel">Several calls in one turn (<see cref="ChatOptions.AllowMultipleToolCalls"/>; one by default, as llama.cpp's server).</param>
    private Gbnf? ToolGrammar(List<AIFunctionDeclaration> tools, ToolCallSyntax syntax, ChatToolMode? mode, bool parallel, IReadOnlySet<int> preserved)
    {
        if (mode is RequiredChatToolMode required)
        {
            return ToolCallGrammar.Build(tools, syntax, required.RequiredFunctionName, parallel);
        }

        var grammar = ToolCallGrammar.BuildLazy(tools, syntax, parallel);
        if (!grammar.IsLazy)
        {
            return grammar;
        }

        var triggers = _scheduler.SingleTokenIds(grammar.TriggerWords).Where(preserved.Contains).ToList();
        return triggers.Count == 0 ? null : grammar.WithTriggers(grammar.TriggerWords, triggers);
    }

    /// <summary>Tokens kept free for the reply when fitting a long conversation: its limit, else a quarter of the context.</summary>
    private int ReplyRoom(GenerationOptions generation) =>
        Math.Min(generation.MaxTokens ?? _scheduler.ContextSizePerSlot / 4, _scheduler.ContextSizePerSlot / 2);

    private static List<AIFunctionDeclaration> ToolDeclarations(ChatOptions? options) =>
        options?.Tools is { Count: > 0 } declared && options.ToolMode is not NoneChatToolMode
            ? declared.OfType<AIFunctionDeclaration>().ToList()
            : [];

    /// <summary>The tool calls in a finished answer (only calls to declared tools count), and its remaining text.</summary>
    private static List<AIContent> CallsAndText(string answer, ToolCallSyntax syntax, List<AIFunctionDeclaration> tools, out List<AIContent> text)
    {
        var (remaining, parsed) = ToolCallParser.Parse(answer, syntax);
        var known = parsed.Where(call => tools.Any(tool => tool.Name == call.Name)).ToList();
        if (known.Count == 0)
        {
            text = answer.Length > 0 ? [new TextContent(answer)] : [];
            return [];
        }

        text = remaining.Length > 0 ? [new TextContent(remaining)] : [];
        return known
            .Select(call => (AIContent)new FunctionCallContent(
                ToolCallMarkers.NewCallId(syntax),
                call.Name,
                JsonSerializer.Deserialize<Dictionary<string, object?>>(call.Arguments.GetRawText(), AIJsonUtilities.DefaultOptions)))
            .ToList();
    }

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(InferenceScheduler))
        {
            return _scheduler;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The scheduler belongs to whoever created it; the client owns nothing native.</summary>
    public void Dispose()
    {
    }

    private static UsageDetails Usage(GenerationStats stats) => new()
    {
        InputTokenCount = stats.PromptTokens,
        OutputTokenCount = stats.CompletionTokens,
        TotalTokenCount = stats.PromptTokens + stats.CompletionTokens,
        CachedInputTokenCount = stats.PromptTokensReused,
    };
}
