namespace OmniBot.Engine.Inference;

/// <summary>
/// A piece of prompt text. Template text is tokenized with special tokens recognised
/// (<c>&lt;|im_start|&gt;</c> becomes one control token); user content is not, so a user cannot
/// inject control tokens by typing them.
/// </summary>
public readonly record struct PromptSegment(string Text, bool ParseSpecialTokens)
{
    public static PromptSegment Template(string text) => new(text, true);

    public static PromptSegment Content(string text) => new(text, false);
}
