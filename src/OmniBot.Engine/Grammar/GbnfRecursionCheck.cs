namespace OmniBot.Engine.Grammar;

/// <summary>
/// Finds left recursion, which llama.cpp either refuses or follows until its stack overflows.
/// llama.cpp only notices a rule that may be empty when it has a literally empty alternative;
/// this check follows emptiness through references and repetitions too, so it is stricter.
/// </summary>
internal static class GbnfRecursionCheck
{
    internal static void ThrowIfLeftRecursive(IReadOnlyList<GbnfRule> rules)
    {
        var byName = rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var nullable = ComputeNullable(rules);
        foreach (var rule in rules)
        {
            ThrowIfRepeatsEmpty(rule, rule.Body, nullable);
        }

        var leftCorners = rules.ToDictionary(
            r => r.Name,
            r =>
            {
                var corner = new HashSet<string>(StringComparer.Ordinal);
                CollectLeftCorner(r.Body, nullable, corner);
                return corner;
            },
            StringComparer.Ordinal);

        // Iterative depth-first search for a cycle in the "may start with" graph.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (state.GetValueOrDefault(rule.Name) != 0)
            {
                continue;
            }

            var stack = new Stack<(string Name, IEnumerator<string> Next)>();
            state[rule.Name] = 1;
            stack.Push((rule.Name, leftCorners[rule.Name].GetEnumerator()));
            while (stack.Count > 0)
            {
                var (name, next) = stack.Peek();
                if (!next.MoveNext())
                {
                    state[name] = 2;
                    stack.Pop();
                    continue;
                }

                var target = next.Current;
                var targetState = state.GetValueOrDefault(target);
                if (targetState == 1)
                {
                    var culprit = byName[target];
                    throw new GbnfParseException(
                        $"rule '{target}' is left-recursive (it can reach itself before consuming any text); "
                        + "rewrite it as a repetition such as item (sep item)*",
                        culprit.Line,
                        culprit.Column);
                }

                if (targetState == 0)
                {
                    state[target] = 1;
                    stack.Push((target, leftCorners[target].GetEnumerator()));
                }
            }
        }
    }

    internal static HashSet<string> ComputeNullable(IReadOnlyList<GbnfRule> rules)
    {
        var nullable = new HashSet<string>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var rule in rules)
            {
                if (!nullable.Contains(rule.Name) && IsNullable(rule.Body, nullable))
                {
                    nullable.Add(rule.Name);
                    changed = true;
                }
            }
        }
        while (changed);

        return nullable;
    }

    internal static bool IsNullable(GbnfExpression expression, HashSet<string> nullableRules) => expression switch
    {
        GbnfLiteral literal => literal.Value.Length == 0,
        GbnfCharacterClass or GbnfAnyCharacter => false,
        GbnfRuleReference reference => nullableRules.Contains(reference.Name),
        GbnfSequence sequence => sequence.Items.All(i => IsNullable(i, nullableRules)),
        GbnfAlternatives alternatives => alternatives.Options.Any(o => IsNullable(o, nullableRules)),
        GbnfRepetition repetition => repetition.Min == 0 || IsNullable(repetition.Item, nullableRules),
        _ => throw new InvalidOperationException($"Unknown GBNF node {expression.GetType().Name}."),
    };

    private static void CollectLeftCorner(GbnfExpression expression, HashSet<string> nullable, HashSet<string> corner)
    {
        switch (expression)
        {
            case GbnfRuleReference reference:
                corner.Add(reference.Name);
                break;
            case GbnfSequence sequence:
                foreach (var item in sequence.Items)
                {
                    CollectLeftCorner(item, nullable, corner);
                    if (!IsNullable(item, nullable))
                    {
                        break;
                    }
                }

                break;
            case GbnfAlternatives alternatives:
                foreach (var option in alternatives.Options)
                {
                    CollectLeftCorner(option, nullable, corner);
                }

                break;
            case GbnfRepetition repetition when repetition.Max != 0:
                CollectLeftCorner(repetition.Item, nullable, corner);
                break;
        }
    }

    // llama.cpp turns x* into "r ::= x r |", which is left-recursive when x can be empty.
    private static void ThrowIfRepeatsEmpty(GbnfRule rule, GbnfExpression expression, HashSet<string> nullable)
    {
        switch (expression)
        {
            case GbnfRepetition repetition:
                if (repetition.Max is null && IsNullable(repetition.Item, nullable))
                {
                    throw new GbnfParseException(
                        $"rule '{rule.Name}' repeats without limit an item that can match empty text; "
                        + "make the repeated item consume at least one character",
                        rule.Line,
                        rule.Column);
                }

                ThrowIfRepeatsEmpty(rule, repetition.Item, nullable);
                break;
            case GbnfSequence sequence:
                foreach (var item in sequence.Items)
                {
                    ThrowIfRepeatsEmpty(rule, item, nullable);
                }

                break;
            case GbnfAlternatives alternatives:
                foreach (var option in alternatives.Options)
                {
                    ThrowIfRepeatsEmpty(rule, option, nullable);
                }

                break;
        }
    }
}
