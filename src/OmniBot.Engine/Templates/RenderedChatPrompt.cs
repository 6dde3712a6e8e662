namespace OmniBot.Engine.Templates;

/// <summary>
/// A rendered chat prompt and the provenance of its characters. <see cref="Segments"/> cover <see cref="Text"/> in order,
/// alternating between template text and conversation content.
/// </summary>
public sealed class RenderedChatPrompt
{
    internal RenderedChatPrompt(string text, IReadOnlyList<ChatPromptSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The prompt, byte-identical to what transformers renders.</summary>
    public string Text { get; }

    /// <summary>The prompt split into template text and conversation content, in order, covering all of <see cref="Text"/>.</summary>
    public IReadOnlyList<ChatPromptSegment> Segments { get; }

    /// <summary>The text of one segment.</summary>
    public string GetText(ChatPromptSegment segment) => Text.Substring(segment.Start, segment.Length);

    /// <summary>
    /// True when any occurrence of one of <paramref name="specialTokenTexts"/> in <see cref="Text"/> overlaps conversation
    /// content, i.e. when tokenizing the whole text with special-token parsing would turn user text into a control token.
    /// When false, tokenizing <see cref="Text"/> in one piece is safe and matches transformers exactly; when true,
    /// tokenize segment by segment (special tokens parsed only in template segments).
    /// </summary>
    public bool ContentContainsAny(IEnumerable<string> specialTokenTexts)
    {
        ArgumentNullException.ThrowIfNull(specialTokenTexts);
        var content = Segments.Where(s => s.IsContent).ToArray();
        if (content.Length == 0)
        {
            return false;
        }

        foreach (var token in specialTokenTexts)
        {
            if (string.IsNullOrEmpty(token))
            {
                continue;
            }

            for (var at = Text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = Text.IndexOf(token, at + 1, StringComparison.Ordinal))
            {
                if (OverlapsContent(content, at, at + token.Length))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether [start, end) overlaps one of <paramref name="content"/>, which are in text order and do not overlap:
    /// a binary search, since a long conversation has a special token and a content stretch per message.
    /// </summary>
    private static bool OverlapsContent(ChatPromptSegment[] content, int start, int end)
    {
        var (low, high) = (0, content.Length);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (content[middle].Start + content[middle].Length <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < content.Length && content[low].Start < end;
    }
}
