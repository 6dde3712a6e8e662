namespace OmniBot.Web.Chat;

/// <summary>A conversation's generation settings; null leaves a setting to the backend's default.</summary>
public sealed record ConversationSettings
{
    public string? SystemPrompt { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public int? TopK { get; init; }

    public float? MinP { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>Tokens of context: for llama.cpp the size the model is loaded with, for Ollama its <c>num_ctx</c>.</summary>
    public int? ContextSize { get; init; }

    public long? Seed { get; init; }

    public ReplyFormat Format { get; init; } = ReplyFormat.Text;

    /// <summary>The schema replies follow when <see cref="Format"/> is <see cref="ReplyFormat.JsonSchema"/>.</summary>
    public string? JsonSchema { get; init; }

    /// <summary>Offers the built-in tools (current time, calculator) to the model.</summary>
    public bool ToolsEnabled { get; init; }
}
