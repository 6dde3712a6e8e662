using System.Text;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Renames every rule of a grammar with a prefix, so that grammars converted separately (one per tool's
/// parameters) can live in one grammar without their helper rules colliding. Works on the text: literals,
/// character classes and comments are copied untouched; only names of rules the grammar defines change.
/// </summary>
internal static class GbnfRulePrefixer
{
    public static string Prefix(Gbnf grammar, string prefix)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        var defined = GbnfGrammar.Parse(grammar.Text, grammar.RootRule).Rules.Select(rule => rule.Name).ToHashSet(StringComparer.Ordinal);
        var text = grammar.Text;
        var output = new StringBuilder(text.Length + (defined.Count * prefix.Length * 4));
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '[')
            {
                var end = SkipQuoted(text, i, c == '"' ? '"' : ']');
                output.Append(text, i, end - i);
                i = end;
            }
            else if (c == '#')
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                output.Append(text, i, end - i);
                i = end;
            }
            else if (IsNameChar(c))
            {
                var start = i;
                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }

                var name = text[start..i];
                output.Append(defined.Contains(name) ? prefix + name : name);
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    private static int SkipQuoted(string text, int start, char close)
    {
        var i = start + 1;
        while (i < text.Length && text[i] != close)
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
}
