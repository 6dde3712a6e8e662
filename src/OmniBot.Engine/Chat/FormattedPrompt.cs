using OmniBot.Engine.Inference;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Tools;

namespace OmniBot.Engine.Chat;

/// <summary>A conversation rendered by the model's template: the prompt, and how the reply will show its thinking.</summary>
internal sealed record FormattedPrompt(IReadOnlyList<PromptSegment> Segments, ReasoningFormat? Reasoning, bool StartsInThinking, ToolCallSyntax ToolSyntax)
{
    public string Text => string.Concat(Segments.Select(segment => segment.Text));
}
