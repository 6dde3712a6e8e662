using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Grammar;

/// <summary>Writes GBNF fragments with the escapes llama.cpp's parser understands.</summary>
internal static class GbnfText
{
    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            var cp = rune.Value;
            builder.Append(cp switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when cp >= 0x20 && cp < 0x7F => rune.ToString(),
                _ when cp > 0xA0 && Rune.IsLetterOrDigit(rune) => rune.ToString(),
                _ => Escape(cp),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A character class for a non-empty set, negated when that is shorter and leaves out only
    /// ASCII. llama.cpp checks a token that ends inside a multi-byte character against every
    /// character it could complete to, and a negated class fails that check as soon as one of them
    /// is excluded, so excluding non-ASCII characters would reject valid text split across tokens.
    /// </summary>
    public static string Class(CodePointSet set)
    {
        var members = set.Except(CodePointSet.Surrogates);
        if (members.IsEmpty)
        {
            throw new InvalidOperationException("A character class needs at least one code point.");
        }

        var outside = members.Complement().Except(CodePointSet.Surrogates);
        var positive = "[" + Ranges(members) + "]";
        if (outside.IsEmpty)
        {
            return ".";
        }

        if (outside.Ranges[^1].Last >= 0x80)
        {
            return positive;
        }

        var negative = "[^" + Ranges(outside) + "]";
        return negative.Length < positive.Length ? negative : positive;
    }

    public static string Alternatives(IEnumerable<string> options)
    {
        var distinct = options.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            return distinct[0];
        }

        // An empty option reads better as a trailing "?" on the rest.
        if (distinct.Contains(string.Empty))
        {
            var rest = distinct.Where(o => o.Length > 0).ToList();
            return rest.Count == 0 ? string.Empty : Atom(string.Join(" | ", rest)) + "?";
        }

        return string.Join(" | ", distinct);
    }

    public static string Sequence(params string[] parts) =>
        string.Join(" ", parts.Where(p => p.Length > 0).Select(p => NeedsGroup(p, alternativesOnly: true) ? "(" + p + ")" : p));

    public static string Optional(string expression) => expression.Length == 0 ? string.Empty : Atom(expression) + "?";

    /// <summary>Wraps an expression in parentheses unless it is already a single item.</summary>
    public static string Atom(string expression) =>
        NeedsGroup(expression, alternativesOnly: false) ? "(" + expression + ")" : expression;

    public static bool IsRuleName(string expression) =>
        expression.Length > 0 && expression.All(GbnfParser.IsWordChar);

    private static bool NeedsGroup(string expression, bool alternativesOnly)
    {
        if (expression.Length == 0)
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            switch (c)
            {
                case '"':
                    i = SkipQuoted(expression, i, '"');
                    break;
                case '[':
                    i = SkipQuoted(expression, i, ']');
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    return true;
                case ' ' when depth == 0 && !alternativesOnly:
                    return true;
            }
        }

        return false;
    }

    private static int SkipQuoted(string text, int start, char close)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == close)
            {
                return i;
            }
        }

        return text.Length;
    }

    private static string Ranges(CodePointSet set)
    {
        var builder = new StringBuilder();
        foreach (var (first, last) in set.Ranges)
        {
            builder.Append(ClassChar(first));
            if (last == first + 1)
            {
                builder.Append(ClassChar(last));
            }
            else if (last > first)
            {
                builder.Append('-').Append(ClassChar(last));
            }
        }

        return builder.ToString();
    }

    private static string ClassChar(int cp) => cp switch
    {
        '\\' => "\\\\",
        ']' => "\\]",
        '[' => "\\[",
        '-' or '^' => Escape(cp),
        _ when cp >= 0x20 && cp < 0x7F => ((char)cp).ToString(),
        _ => Escape(cp),
    };

    private static string Escape(int cp) => cp switch
    {
        < 0x80 => "\\x" + cp.ToString("X2", CultureInfo.InvariantCulture),
        <= 0xFFFF => "\\u" + cp.ToString("X4", CultureInfo.InvariantCulture),
        _ => "\\U" + cp.ToString("X8", CultureInfo.InvariantCulture),
    };
}
