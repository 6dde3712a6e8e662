using System.Text;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// Writes random texts a grammar accepts by walking it with a seeded random choice at every
/// alternative and repetition; past a depth limit it takes the shortest way out so walks end.
/// </summary>
internal sealed class GbnfSampler
{
    // Characters tried before falling back to arbitrary code points. Non-ASCII picks are whole
    // letters and an emoji: JsonSchema.Net counts string length in grapheme clusters, so a random
    // combining mark would change the count it sees while the grammar counts code points (as the
    // JSON Schema specification does).
    private static readonly int[] Preferred = [.. Enumerable.Range(0x20, 0x5F), 'é', 'ß', 'Ж', '中', 0x1F600];

    private readonly GbnfGrammar _grammar;
    private readonly Random _random;
    private readonly int _maxDepth;
    private static readonly GbnfCharacterClass AnyCharacter = new(Negated: true, []);

    private readonly Dictionary<string, int> _shortest = new(StringComparer.Ordinal);
    private readonly Dictionary<GbnfCharacterClass, (int[] Preferred, int[] All)> _candidates = new(ReferenceEqualityComparer.Instance);

    public GbnfSampler(GbnfGrammar grammar, int seed, int maxDepth = 24)
    {
        _grammar = grammar;
        _random = new Random(seed);
        _maxDepth = maxDepth;
        foreach (var rule in grammar.Rules)
        {
            _shortest[rule.Name] = int.MaxValue;
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var rule in grammar.Rules)
            {
                var length = Shortest(rule.Body);
                if (length < _shortest[rule.Name])
                {
                    _shortest[rule.Name] = length;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    public string Sample()
    {
        var builder = new StringBuilder();
        Walk(new GbnfRuleReference(_grammar.RootRule), 0, builder);
        return builder.ToString();
    }

    private void Walk(GbnfExpression expression, int depth, StringBuilder output)
    {
        var exhausted = depth > _maxDepth;
        switch (expression)
        {
            case GbnfLiteral literal:
                output.Append(literal.Value);
                break;
            case GbnfCharacterClass characters:
                output.Append(char.ConvertFromUtf32(Pick(characters)));
                break;
            case GbnfAnyCharacter:
                output.Append(char.ConvertFromUtf32(Pick(AnyCharacter)));
                break;
            case GbnfRuleReference reference:
                Walk(_grammar[reference.Name].Body, depth + 1, output);
                break;
            case GbnfSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Walk(item, depth, output);
                }

                break;
            case GbnfAlternatives alternatives:
                var options = alternatives.Options.Where(o => Shortest(o) != int.MaxValue).ToList();
                if (exhausted)
                {
                    var best = options.Min(Shortest);
                    options = options.Where(o => Shortest(o) == best).ToList();
                }

                Walk(options[_random.Next(options.Count)], depth, output);
                break;
            case GbnfRepetition repetition:
                var count = exhausted ? repetition.Min : ChooseCount(repetition.Min, repetition.Max);
                for (var i = 0; i < count; i++)
                {
                    Walk(repetition.Item, depth + 1, output);
                }

                break;
        }
    }

    private int ChooseCount(int min, int? max)
    {
        if (max is { } m && m - min <= 40 && _random.NextDouble() < 0.25)
        {
            return m;
        }

        var upper = Math.Min(max ?? min + 4, min + 6);
        return _random.Next(min, upper + 1);
    }

    private int Pick(GbnfCharacterClass characters)
    {
        if (!_candidates.TryGetValue(characters, out var lists))
        {
            var preferred = Preferred.Where(characters.Matches).ToArray();
            var all = Enumerable.Range(0, 0x10000).Where(cp => (cp < 0xD800 || cp > 0xDFFF) && characters.Matches(cp)).ToArray();
            _candidates[characters] = lists = (preferred, all);
        }

        var pool = lists.Preferred.Length > 0 && _random.NextDouble() < 0.9 ? lists.Preferred : lists.All;
        return pool[_random.Next(pool.Length)];
    }

    private int Shortest(GbnfExpression expression) => expression switch
    {
        GbnfLiteral literal => literal.Value.Length,
        GbnfCharacterClass or GbnfAnyCharacter => 1,
        GbnfRuleReference reference => _shortest[reference.Name],
        GbnfSequence sequence => sequence.Items.Aggregate(0, (sum, item) => Add(sum, Shortest(item))),
        GbnfAlternatives alternatives => alternatives.Options.Min(Shortest),
        GbnfRepetition repetition => repetition.Min == 0 ? 0 : Multiply(Shortest(repetition.Item), repetition.Min),
        _ => int.MaxValue,
    };

    private static int Add(int a, int b) => a == int.MaxValue || b == int.MaxValue ? int.MaxValue : a + b;

    private static int Multiply(int a, int times) => a == int.MaxValue ? int.MaxValue : a * times;
}
