namespace OmniBot.Api.OpenAI.Chat;

/// <summary>An entry of <c>tools</c>: <c>{"type":"function","function":{...}}</c>.</summary>
public sealed record ToolDefinition
{
    public string? Type { get; init; }

    public FunctionDefinition? Function { get; init; }
}
