namespace OmniBot.Engine.Tools;

/// <summary>
/// One <c>open … close</c> span in model output (the first closer after each opener, as a lazy regex would match).
/// Found with plain searches so hostile output (thousands of openers and no closer) costs linear time, where a
/// lazy regex would rescan the rest of the reply from every opener.
/// </summary>
internal readonly record struct TaggedBlock(int Start, int Length, string Inner)
{
    public static IEnumerable<TaggedBlock> FindAll(string text, string open, string close, int from = 0)
    {
        while (from <= text.Length)
        {
            var start = text.IndexOf(open, from, StringComparison.Ordinal);
            if (start < 0)
            {
                yield break;
            }

            var innerStart = start + open.Length;
            var end = text.IndexOf(close, innerStart, StringComparison.Ordinal);
            if (end < 0)
            {
                // No closer after this opener means none after any later one either.
                yield break;
            }

            from = end + close.Length;
            yield return new TaggedBlock(start, from - start, text[innerStart..end]);
        }
    }

    public static TaggedBlock? FindFirst(string text, string open, string close) =>
        FindAll(text, open, close).Select(block => (TaggedBlock?)block).FirstOrDefault();
}
