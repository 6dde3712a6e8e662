namespace OmniBot.Engine.Grammar;

/// <summary>
/// Writes grammar for the JSON-encoded contents of strings matching a <c>pattern</c>. A pattern
/// matches anywhere in the string unless anchored, so an unanchored side gets any text added.
/// </summary>
internal sealed class PatternGrammar
{
    private readonly GbnfRuleSet _rules;
    private readonly string _path;
    private readonly string _pattern;

    private readonly bool _graphemeSafe;
    private readonly Dictionary<string, string> _classes = new(StringComparer.Ordinal);

    private PatternGrammar(GbnfRuleSet rules, string pattern, string path, bool graphemeSafe)
    {
        _rules = rules;
        _pattern = pattern;
        _path = path;
        _graphemeSafe = graphemeSafe;
    }

    /// <summary>
    /// Grammar for the string contents, with the shortest and longest length in code points. With
    /// <paramref name="graphemeSafe"/>, character classes leave out characters that can merge with a
    /// neighbour into one grapheme, so a minLength holds however a validator counts.
    /// </summary>
    public static (string Content, int MinLength, int? MaxLength) Build(GbnfRuleSet rules, string pattern, string path, bool graphemeSafe, GrammarLimits limits)
    {
        var root = RegexPatternParser.Parse(pattern, path, limits);
        var writer = new PatternGrammar(rules, pattern, path, graphemeSafe);
        var options = root is RegexAlternation alternation ? alternation.Options : [root];
        var contents = new List<string>();
        var min = int.MaxValue;
        int? max = 0;
        foreach (var option in options)
        {
            var items = option is RegexSequence sequence ? sequence.Items.ToList() : [option];
            var anchoredStart = items.Count > 0 && items[0] is RegexAnchor { AtStart: true };
            if (anchoredStart)
            {
                items.RemoveAt(0);
            }

            var anchoredEnd = items.Count > 0 && items[^1] is RegexAnchor { AtStart: false };
            if (anchoredEnd)
            {
                items.RemoveAt(items.Count - 1);
            }

            var body = new RegexSequence(items);
            var (optionMin, optionMax) = body.Length;
            var anyText = anchoredStart && anchoredEnd ? string.Empty : writer.AnyText();
            contents.Add(GbnfText.Sequence(anchoredStart ? string.Empty : anyText, writer.Write(body), anchoredEnd ? string.Empty : anyText));
            min = Math.Min(min, optionMin);
            max = anchoredStart && anchoredEnd && max is not null && optionMax is not null ? Math.Max(max.Value, optionMax.Value) : null;
        }

        return (GbnfText.Alternatives(contents), min, max);
    }

    private string Write(RegexNode node)
    {
        switch (node)
        {
            case RegexCharacters characters:
                return ClassText(characters.Set);
            case RegexSequence sequence:
                var parts = new List<string>();
                var literal = new System.Text.StringBuilder();
                foreach (var item in sequence.Items)
                {
                    if (item is RegexCharacters { Set.IsSingle: true } single)
                    {
                        literal.Append(char.ConvertFromUtf32(single.Set.First));
                        continue;
                    }

                    parts.Add(JsonStringFragments.Literal(literal.ToString()));
                    literal.Clear();
                    parts.Add(Write(item));
                }

                parts.Add(JsonStringFragments.Literal(literal.ToString()));
                return GbnfText.Sequence([.. parts]);
            case RegexAlternation alternation:
                return GbnfText.Alternatives(alternation.Options.Select(Write));
            case RegexRepeat repeat:
                if (repeat.Max is null && repeat.Item.Length.Min == 0)
                {
                    throw Error("the pattern repeats without limit a part that can match empty text; make that part non-empty");
                }

                var repeated = Write(repeat.Item);
                return repeated.Length == 0 ? string.Empty : _rules.Repeat(repeated, repeat.Min, repeat.Max);
            case RegexAnchor:
                throw Error("'^' and '$' are only supported at the very start and end of the pattern (or of its top-level alternatives)");
            default:
                throw new InvalidOperationException($"Unknown pattern node {node.GetType().Name}.");
        }
    }

    // A pattern may repeat one class thousands of times; each distinct class is worked out once.
    private string ClassText(CodePointSet characters)
    {
        var key = string.Join(",", characters.Ranges);
        if (!_classes.TryGetValue(key, out var text))
        {
            var set = _graphemeSafe && !characters.IsSingle ? characters.Intersect(CodePointSet.OwnGraphemes) : characters;
            text = JsonStringFragments.AnyOf(set) ?? throw Error("a character class in the pattern matches no character");
            _classes[key] = text;
        }

        return text;
    }

    private string AnyText() =>
        (_graphemeSafe ? _rules.Add("grapheme-char", JsonStringFragments.AnyOf(CodePointSet.OwnGraphemes)!) : _rules.Primitive("char")) + "*";

    private GrammarConversionException Error(string problem) => RegexPatternParser.PatternError(_pattern, _path, problem);
}
