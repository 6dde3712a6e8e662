using OmniBot.Engine.Grammar;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Chat;

public sealed record LlamaChatClientOptions
{
    /// <summary>The id reported as the model; defaults to the scheduler's model name.</summary>
    public string? ModelId { get; init; }

    /// <summary>Picks a named template (<c>tokenizer.chat_template.&lt;name&gt;</c>) instead of the default one.</summary>
    public string? TemplateName { get; init; }

    /// <summary>Jinja chat template used instead of the model's own (as llama-server's <c>--chat-template-file</c> or Ollama's TEMPLATE).</summary>
    public string? Template { get; init; }

    /// <summary>Sampling used where <see cref="Microsoft.Extensions.AI.ChatOptions"/> leave a setting unset.</summary>
    public SamplingOptions DefaultSampling { get; init; } = SamplingOptions.Default;

    /// <summary>For reasoning models: close the thinking after this many tokens (AdditionalProperties "thinking_budget" per request).</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>When a conversation outgrows the context, keep its first user turn as well as the system prompt.</summary>
    public bool KeepFirstUserTurn { get; init; }

    /// <summary>A grammar every reply follows unless a request sets a response format or grammar of its own.</summary>
    public Gbnf? DefaultGrammar { get; init; }

    /// <summary>Speculative decoding unless a request says otherwise (AdditionalProperties "speculation": none | lookup | draft, "draft_max").</summary>
    public SpeculationOptions DefaultSpeculation { get; init; } = SpeculationOptions.None;
}
