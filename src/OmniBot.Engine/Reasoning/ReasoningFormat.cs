namespace OmniBot.Engine.Reasoning;

/// <summary>The markers a reasoning model puts around its thinking, as its chat template shows them.</summary>
public sealed record ReasoningFormat(string Open, string Close)
{
    private static readonly ReasoningFormat[] Known =
    [
        new("<seed:think>", "</seed:think>"),
        new("<think>", "</think>"),
        new("[THINK]", "[/THINK]"),
    ];

    /// <summary>The format a chat template uses, or null for a model that does not reason in the open.</summary>
    public static ReasoningFormat? Detect(string? template) =>
        template is null ? null : Known.FirstOrDefault(format => template.Contains(format.Open, StringComparison.Ordinal));

    /// <summary>Whether a rendered prompt leaves the reply inside an open thinking section (the template opened it).</summary>
    public bool PromptOpensThinking(string prompt)
    {
        var open = prompt.LastIndexOf(Open, StringComparison.Ordinal);
        return open >= 0 && prompt.IndexOf(Close, open, StringComparison.Ordinal) < 0 && prompt[(open + Open.Length)..].Trim().Length == 0;
    }
}
