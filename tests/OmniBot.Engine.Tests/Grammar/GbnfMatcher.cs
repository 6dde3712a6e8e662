using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// Decides whether a grammar accepts a whole text: for each rule and start position it computes
/// every position where a match can end (all parses, so ambiguity is fine). Left recursion cannot
/// occur because <see cref="GbnfGrammar.Parse"/> rejects it.
/// </summary>
internal sealed class GbnfMatcher(GbnfGrammar grammar)
{
    private readonly Dictionary<(string Rule, int Position), HashSet<int>> _memo = [];
    private int[] _input = [];

    public bool Matches(string text)
    {
        _input = text.EnumerateRunes().Select(r => r.Value).ToArray();
        _memo.Clear();
        return Ends(new GbnfRuleReference(grammar.RootRule), 0).Contains(_input.Length);
    }

    private HashSet<int> Ends(GbnfExpression expression, int position)
    {
        switch (expression)
        {
            case GbnfLiteral literal:
                var runes = literal.Value.EnumerateRunes().Select(r => r.Value).ToArray();
                if (position + runes.Length > _input.Length)
                {
                    return [];
                }

                for (var i = 0; i < runes.Length; i++)
                {
                    if (_input[position + i] != runes[i])
                    {
                        return [];
                    }
                }

                return [position + runes.Length];
            case GbnfCharacterClass characters:
                return position < _input.Length && characters.Matches(_input[position]) ? [position + 1] : [];
            case GbnfAnyCharacter:
                return position < _input.Length ? [position + 1] : [];
            case GbnfRuleReference reference:
                if (_memo.TryGetValue((reference.Name, position), out var known))
                {
                    return known;
                }

                _memo[(reference.Name, position)] = [];
                var result = Ends(grammar[reference.Name].Body, position);
                _memo[(reference.Name, position)] = result;
                return result;
            case GbnfSequence sequence:
                HashSet<int> current = [position];
                foreach (var item in sequence.Items)
                {
                    current = current.SelectMany(p => Ends(item, p)).ToHashSet();
                    if (current.Count == 0)
                    {
                        break;
                    }
                }

                return current;
            case GbnfAlternatives alternatives:
                return alternatives.Options.SelectMany(o => Ends(o, position)).ToHashSet();
            case GbnfRepetition repetition:
                return Repeat(repetition, position);
            default:
                throw new InvalidOperationException($"Unknown node {expression.GetType().Name}.");
        }
    }

    private HashSet<int> Repeat(GbnfRepetition repetition, int position)
    {
        var results = new HashSet<int>();
        if (repetition.Min == 0)
        {
            results.Add(position);
        }

        // A position already expanded after at least Min items had as much budget left then as
        // it would now, so expanding it again cannot add ends.
        var expanded = new HashSet<int>();
        HashSet<int> frontier = [position];
        for (var count = 1; repetition.Max is null || count <= repetition.Max; count++)
        {
            if (count - 1 >= repetition.Min)
            {
                frontier.ExceptWith(expanded);
                expanded.UnionWith(frontier);
            }

            frontier = frontier.SelectMany(p => Ends(repetition.Item, p)).ToHashSet();
            if (frontier.Count == 0)
            {
                break;
            }

            if (count >= repetition.Min)
            {
                results.UnionWith(frontier);
            }
        }

        return results;
    }
}
