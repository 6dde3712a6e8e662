namespace OmniBot.Engine.Grammar;

/// <summary>
/// Finds left recursion, which llama.cpp either refuses or follows until its stack overflows.
/// llama.cpp only notices a rule that may be empty when it has a literally empty alternative;
/// this check follows emptiness through references and repetitions too, so it is stricter.
/// It also bounds how many rules and groups can open one inside another before any text is
/// consumed: llama.cpp follows those chains recursively on every character it accepts.
/// Everything here is a loop over <see cref="GbnfNodeList"/>, linear in the size of the grammar.
/// </summary>
internal static class GbnfRecursionCheck
{
    internal static void ThrowIfLeftRecursive(IReadOnlyList<GbnfRule> rules, GbnfNodeList list, GrammarLimits limits)
    {
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < rules.Count; r++)
        {
            ruleIndex[rules[r].Name] = r;
        }

        var nullable = ComputeNullable(list, ruleIndex);
        ThrowIfRepeatsEmpty(rules, list, nullable);
        var corners = LeftCorners(rules, list, nullable, ruleIndex);
        var longest = ThrowIfCyclicOrTooDeep(rules, corners, limits);
        ThrowIfAnyPositionTooDeep(rules, list, nullable, ruleIndex, longest, limits);
    }

    /// <summary>
    /// Nodes llama.cpp turns into a rule of their own: groups, and repetitions with optional copies
    /// (<c>x?</c> is <c>r ::= x |</c>), so <c>x???</c> opens three rules before the <c>x</c>.
    /// </summary>
    private static bool OpensRule(GbnfNodeList list, int index) =>
        list.IsGroup(index) || list.Nodes[index] is GbnfRepetition repetition && repetition.Max != repetition.Min;

    /// <summary>
    /// llama.cpp may stand at any item of a rule, and from there opens the rules and groups the item
    /// starts with; each node's depth, children first, bounds them all.
    /// </summary>
    private static void ThrowIfAnyPositionTooDeep(IReadOnlyList<GbnfRule> rules, GbnfNodeList list, bool[] nullable, Dictionary<string, int> ruleIndex, int[] longest, GrammarLimits limits)
    {
        var lead = new int[list.Nodes.Count];
        for (var i = list.Nodes.Count - 1; i >= 0; i--)
        {
            var depth = 0;
            switch (list.Nodes[i])
            {
                case GbnfRuleReference reference:
                    depth = 1 + longest[ruleIndex[reference.Name]];
                    break;
                case GbnfSequence sequence:
                    var child = i + 1;
                    for (var k = 0; k < sequence.Items.Count; k++)
                    {
                        depth = Math.Max(depth, lead[child]);
                        if (!nullable[child])
                        {
                            break;
                        }

                        child = list.SubtreeEnds[child];
                    }

                    break;
                case GbnfAlternatives alternatives:
                    var option = i + 1;
                    for (var k = 0; k < alternatives.Options.Count; k++)
                    {
                        depth = Math.Max(depth, lead[option]);
                        option = list.SubtreeEnds[option];
                    }

                    break;
                case GbnfRepetition:
                    depth = lead[i + 1];
                    break;
            }

            lead[i] = depth + (OpensRule(list, i) ? 1 : 0);
            if (lead[i] > limits.MaxGrammarDepth)
            {
                var culprit = rules[list.Rules[i]];
                throw TooDeep(culprit, limits);
            }
        }
    }

    private static GbnfParseException TooDeep(GbnfRule rule, GrammarLimits limits) =>
        new($"rule '{rule.Name}' opens more than {limits.MaxGrammarDepth} rules, groups and repetitions one inside another before any text "
            + "(GrammarLimits.MaxGrammarDepth); start some of them with text",
            rule.Line,
            rule.Column);

    /// <summary>
    /// Which nodes can match empty text, by propagation: a node that turns out nullable tells its
    /// parent (a sequence counts down its non-nullable items) and, for a rule's body, every reference to the rule.
    /// </summary>
    private static bool[] ComputeNullable(GbnfNodeList list, Dictionary<string, int> ruleIndex)
    {
        var count = list.Nodes.Count;
        var nullable = new bool[count];
        var remaining = new int[count];
        var referencesTo = new List<int>[list.Bodies.Length];
        var queue = new Queue<int>();
        for (var i = 0; i < count; i++)
        {
            switch (list.Nodes[i])
            {
                case GbnfLiteral literal when literal.Value.Length == 0:
                case GbnfRepetition { Min: 0 }:
                case GbnfSequence { Items.Count: 0 }:
                    queue.Enqueue(i);
                    break;
                case GbnfSequence sequence:
                    remaining[i] = sequence.Items.Count;
                    break;
                case GbnfRuleReference reference:
                    var target = ruleIndex[reference.Name];
                    (referencesTo[target] ??= []).Add(i);
                    break;
            }
        }

        var bodyOf = new Dictionary<int, int>();
        for (var r = 0; r < list.Bodies.Length; r++)
        {
            bodyOf[list.Bodies[r]] = r;
        }

        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            if (nullable[i])
            {
                continue;
            }

            nullable[i] = true;
            var parent = list.Parents[i];
            if (parent < 0)
            {
                foreach (var reference in referencesTo[bodyOf[i]] ?? [])
                {
                    queue.Enqueue(reference);
                }
            }
            else if (list.Nodes[parent] is not GbnfSequence || --remaining[parent] == 0)
            {
                queue.Enqueue(parent);
            }
        }

        return nullable;
    }

    // llama.cpp turns x* into "r ::= x r |", which is left-recursive when x can be empty.
    private static void ThrowIfRepeatsEmpty(IReadOnlyList<GbnfRule> rules, GbnfNodeList list, bool[] nullable)
    {
        for (var i = 0; i < list.Nodes.Count; i++)
        {
            if (list.Nodes[i] is GbnfRepetition { Max: null } && nullable[i + 1])
            {
                var rule = rules[list.Rules[i]];
                throw new GbnfParseException(
                    $"rule '{rule.Name}' repeats without limit an item that can match empty text; "
                    + "make the repeated item consume at least one character",
                    rule.Line,
                    rule.Column);
            }
        }
    }

    /// <summary>
    /// For each rule, the rules it may start with, each with how many groups enclose the reference
    /// (llama.cpp makes every group a rule), and the deepest group it may start inside.
    /// </summary>
    private static (List<(int Target, int Groups)> Edges, int OwnDepth)[] LeftCorners(
        IReadOnlyList<GbnfRule> rules, GbnfNodeList list, bool[] nullable, Dictionary<string, int> ruleIndex)
    {
        var result = new (List<(int, int)>, int)[rules.Count];
        var stack = new Stack<(int Node, int Groups)>();
        for (var r = 0; r < rules.Count; r++)
        {
            var edges = new List<(int, int)>();
            var own = 0;
            stack.Push((list.Bodies[r], 0));
            while (stack.Count > 0)
            {
                var (i, groups) = stack.Pop();
                if (OpensRule(list, i))
                {
                    groups++;
                    own = Math.Max(own, groups);
                }

                switch (list.Nodes[i])
                {
                    case GbnfRuleReference reference:
                        edges.Add((ruleIndex[reference.Name], groups));
                        break;
                    case GbnfSequence sequence:
                        var child = i + 1;
                        for (var k = 0; k < sequence.Items.Count; k++)
                        {
                            stack.Push((child, groups));
                            if (!nullable[child])
                            {
                                break;
                            }

                            child = list.SubtreeEnds[child];
                        }

                        break;
                    case GbnfAlternatives alternatives:
                        var option = i + 1;
                        for (var k = 0; k < alternatives.Options.Count; k++)
                        {
                            stack.Push((option, groups));
                            option = list.SubtreeEnds[option];
                        }

                        break;
                    case GbnfRepetition repetition when repetition.Max != 0:
                        stack.Push((i + 1, groups));
                        break;
                }
            }

            result[r] = (edges, own);
        }

        return result;
    }

    /// <summary>
    /// Depth-first search (iterative) over the "may start with" graph: a cycle is left recursion;
    /// otherwise the longest chain of rules and groups opened before any text must stay within the limit.
    /// </summary>
    private static int[] ThrowIfCyclicOrTooDeep(IReadOnlyList<GbnfRule> rules, (List<(int Target, int Groups)> Edges, int OwnDepth)[] corners, GrammarLimits limits)
    {
        var state = new int[rules.Count];
        var longest = new int[rules.Count];
        var stack = new Stack<(int Rule, int Next)>();
        for (var start = 0; start < rules.Count; start++)
        {
            if (state[start] != 0)
            {
                continue;
            }

            state[start] = 1;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (rule, next) = stack.Pop();
                var edges = corners[rule].Edges;
                if (next == edges.Count)
                {
                    state[rule] = 2;
                    var deepest = corners[rule].OwnDepth;
                    foreach (var (target, groups) in edges)
                    {
                        deepest = Math.Max(deepest, groups + 1 + longest[target]);
                    }

                    longest[rule] = deepest;
                    if (deepest > limits.MaxGrammarDepth)
                    {
                        throw TooDeep(rules[rule], limits);
                    }

                    continue;
                }

                stack.Push((rule, next + 1));
                var targetRule = edges[next].Target;
                if (state[targetRule] == 1)
                {
                    var culprit = rules[targetRule];
                    throw new GbnfParseException(
                        $"rule '{culprit.Name}' is left-recursive (it can reach itself before consuming any text); "
                        + "rewrite it as a repetition such as item (sep item)*",
                        culprit.Line,
                        culprit.Column);
                }

                if (state[targetRule] == 0)
                {
                    state[targetRule] = 1;
                    stack.Push((targetRule, 0));
                }
            }
        }

        return longest;
    }
}
