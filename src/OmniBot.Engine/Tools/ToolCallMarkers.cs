namespace OmniBot.Engine.Tools;

/// <summary>
/// The marker texts of each syntax: the call opener (what switches the lazy grammar on) and every marker
/// a parser needs to see in the reply, which must be written out even where the model's vocabulary has
/// them as control tokens (llama.cpp's "preserved tokens"); and the call ids each family's templates accept.
/// </summary>
public static class ToolCallMarkers
{
    public const string DeepSeekCallsBegin = "<｜tool▁calls▁begin｜>";
    public const string DeepSeekCallsEnd = "<｜tool▁calls▁end｜>";
    public const string DeepSeekCallBegin = "<｜tool▁call▁begin｜>";
    public const string DeepSeekCallEnd = "<｜tool▁call▁end｜>";
    public const string DeepSeekSeparator = "<｜tool▁sep｜>";

    /// <summary>Texts that start a call in the reply (the lazy grammar's trigger words).</summary>
    public static IReadOnlyList<string> Openers(ToolCallSyntax syntax) => syntax switch
    {
        ToolCallSyntax.Hermes => ["<tool_call>"],
        ToolCallSyntax.Mistral => ["[TOOL_CALLS]"],
        ToolCallSyntax.Llama3 => ["<|python_tag|>", "{\"name\""],
        ToolCallSyntax.DeepSeek or ToolCallSyntax.DeepSeekV31 => [DeepSeekCallsBegin],
        ToolCallSyntax.CommandRPlus => ["Action:"],
        ToolCallSyntax.CommandR7B => ["<|START_ACTION|>"],
        ToolCallSyntax.Phi4 => ["functools["],
        ToolCallSyntax.Functionary => [">>>"],
        _ => ["{\"name\""],
    };

    /// <summary>Every marker of the syntax, to be kept in the reply as text.</summary>
    public static IReadOnlyList<string> Preserved(ToolCallSyntax syntax) => syntax switch
    {
        ToolCallSyntax.Hermes => ["<tool_call>", "</tool_call>"],
        ToolCallSyntax.Mistral => ["[TOOL_CALLS]"],
        ToolCallSyntax.Llama3 => ["<|python_tag|>"],
        ToolCallSyntax.DeepSeek or ToolCallSyntax.DeepSeekV31 => [DeepSeekCallsBegin, DeepSeekCallsEnd, DeepSeekCallBegin, DeepSeekCallEnd, DeepSeekSeparator],
        ToolCallSyntax.CommandR7B => ["<|START_ACTION|>", "<|END_ACTION|>", "<|START_RESPONSE|>", "<|END_RESPONSE|>", "<|START_THINKING|>", "<|END_THINKING|>"],
        ToolCallSyntax.Phi4 => ["<|tool_call|>", "<|/tool_call|>"],
        _ => [],
    };

    /// <summary>A fresh call id the family's template accepts: Mistral's take only 9 alphanumeric characters; others OpenAI's style.</summary>
    public static string NewCallId(ToolCallSyntax syntax) =>
        syntax == ToolCallSyntax.Mistral ? Guid.NewGuid().ToString("N")[..9] : "call_" + Guid.NewGuid().ToString("N")[..24];
}
