namespace OmniBot.Engine.Templates;

/// <summary>
/// A stretch of <see cref="RenderedChatPrompt.Text"/> (UTF-16 offset and length) and where it came from:
/// <see cref="IsContent"/> for conversation text (tokenize as plain text, never as control tokens),
/// otherwise template text (tokenize with special tokens parsed).
/// </summary>
public readonly record struct ChatPromptSegment(int Start, int Length, bool IsContent);
