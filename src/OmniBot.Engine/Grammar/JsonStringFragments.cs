using System.Globalization;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Turns sets of string characters into grammar for their JSON-encoded form inside quotes. Each
/// character gets exactly one (canonical) encoding, so two different encoded texts always decode
/// to different strings; the property-name exclusion relies on that.
/// </summary>
internal static class JsonStringFragments
{
    private static readonly CodePointSet Plain = CodePointSet.Range(0x20, CodePointSet.MaxCodePoint)
        .Except(CodePointSet.Of('"', '\\', 0x7F))
        .Except(CodePointSet.Surrogates);

    /// <summary>The canonical encoding of one character.</summary>
    public static string Encode(int codePoint) => codePoint switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < 0x20 or 0x7F => "\\u" + codePoint.ToString("x4", CultureInfo.InvariantCulture),
        _ => char.ConvertFromUtf32(codePoint),
    };

    public static string EncodeString(string value) =>
        string.Concat(value.EnumerateRunes().Select(r => Encode(r.Value)));

    /// <summary>A GBNF literal for the JSON encoding of the text (without the quotes).</summary>
    public static string Literal(string value) => value.Length == 0 ? string.Empty : GbnfText.Literal(EncodeString(value));

    /// <summary>Grammar matching the encoding of any one character of the set, or null when the set is empty.</summary>
    public static string? AnyOf(CodePointSet set)
    {
        var members = set.Except(CodePointSet.Surrogates);
        if (members.IsEmpty)
        {
            return null;
        }

        if (members.IsSingle)
        {
            return GbnfText.Literal(Encode(members.First));
        }

        var options = new List<string>();
        var plain = members.Intersect(Plain);
        if (!plain.IsEmpty)
        {
            options.Add(GbnfText.Class(plain));
        }

        var escaped = members.Except(Plain);
        var unicodeEscapes = new SortedDictionary<int, List<int>>();
        foreach (var (first, last) in escaped.Ranges)
        {
            for (var cp = first; cp <= last; cp++)
            {
                var encoded = Encode(cp);
                if (encoded.StartsWith("\\u", StringComparison.Ordinal))
                {
                    // Group \u00XY escapes by their third hex digit to keep the grammar short.
                    var high = cp >> 4;
                    if (!unicodeEscapes.TryGetValue(high, out var lows))
                    {
                        unicodeEscapes[high] = lows = [];
                    }

                    lows.Add(cp & 0xF);
                }
                else
                {
                    options.Add(GbnfText.Literal(encoded));
                }
            }
        }

        foreach (var (high, lows) in unicodeEscapes)
        {
            var prefix = GbnfText.Literal("\\u00" + high.ToString("x1", CultureInfo.InvariantCulture));
            var lowSet = CodePointSet.FromRanges(lows.Select(l => { var c = "0123456789abcdef"[l]; return ((int)c, (int)c); }));
            options.Add(GbnfText.Sequence(prefix, lowSet.IsSingle ? GbnfText.Literal(((char)lowSet.First).ToString()) : GbnfText.Class(lowSet)));
        }

        return GbnfText.Alternatives(options);
    }
}
