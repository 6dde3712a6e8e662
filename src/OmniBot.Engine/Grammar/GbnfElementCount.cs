namespace OmniBot.Engine.Grammar;

/// <summary>
/// How many elements llama.cpp's grammar parser builds: it copies a repeated item once per
/// repetition (<c>"abc"{3}</c> becomes nine characters, <c>x{2,5}</c> three extra rules), while a
/// group or rule reference copies as one element. Counted over <see cref="GbnfNodeList"/> children
/// first, so it needs no recursion.
/// </summary>
internal static class GbnfElementCount
{
    public static void ThrowIfTooMany(GbnfNodeList list, GrammarLimits limits)
    {
        var count = list.Nodes.Count;
        // What a node adds where it stands in its parent, and what it adds as rules of its own.
        var inPlace = new long[count];
        long total = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            var node = list.Nodes[i];
            var content = node switch
            {
                GbnfLiteral literal => literal.Value.Length,
                GbnfCharacterClass characters => 2L * characters.Ranges.Count,
                GbnfAnyCharacter or GbnfRuleReference => 1,
                _ => inPlace[i],
            };
            var parent = list.Parents[i];
            var isGroup = list.IsGroup(i);
            if (isGroup || parent < 0)
            {
                total += content + 2;
            }

            var weight = isGroup ? 1 : content;
            if (parent >= 0)
            {
                switch (list.Nodes[parent])
                {
                    case GbnfAlternatives:
                        inPlace[parent] += weight + 1;
                        break;
                    case GbnfRepetition repetition:
                        var optional = repetition.Max is { } max ? max - repetition.Min : 1L;
                        total += optional * (weight + 3);
                        inPlace[parent] = (repetition.Min * weight) + (optional > 0 ? 1 : 0);
                        break;
                    default:
                        inPlace[parent] += weight;
                        break;
                }
            }

            if (total > limits.MaxGrammarElements || inPlace[i] > limits.MaxGrammarElements)
            {
                throw new GbnfParseException(
                    $"llama.cpp would build more than {limits.MaxGrammarElements} grammar elements from this grammar once repetitions are copied out "
                    + "(GrammarLimits.MaxGrammarElements); repeat rules instead of long literals, or use smaller counts",
                    1,
                    1);
            }
        }
    }
}
