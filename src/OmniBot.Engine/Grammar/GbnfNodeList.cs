namespace OmniBot.Engine.Grammar;

/// <summary>
/// Every expression of every rule in one flat list, parents before their children, so the checks
/// after parsing walk the grammar with loops instead of recursion however deeply it nests.
/// </summary>
internal sealed class GbnfNodeList
{
    private GbnfNodeList(List<GbnfExpression> nodes, List<int> parents, List<int> rules, int[] bodies)
    {
        Nodes = nodes;
        Parents = parents;
        Rules = rules;
        Bodies = bodies;
        SubtreeEnds = new int[nodes.Count];
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            SubtreeEnds[i] = Math.Max(SubtreeEnds[i], i + 1);
            if (parents[i] >= 0)
            {
                SubtreeEnds[parents[i]] = Math.Max(SubtreeEnds[parents[i]], SubtreeEnds[i]);
            }
        }
    }

    /// <summary>One past the last node of each node's subtree: the index of its next sibling.</summary>
    public int[] SubtreeEnds { get; }

    public List<GbnfExpression> Nodes { get; }

    /// <summary>Index of each node's parent; -1 for a rule's body.</summary>
    public List<int> Parents { get; }

    /// <summary>Index of the rule each node belongs to.</summary>
    public List<int> Rules { get; }

    /// <summary>Index of each rule's body node.</summary>
    public int[] Bodies { get; }

    public static GbnfNodeList From(IReadOnlyList<GbnfRule> rules)
    {
        var nodes = new List<GbnfExpression>();
        var parents = new List<int>();
        var owners = new List<int>();
        var bodies = new int[rules.Count];
        var stack = new Stack<(GbnfExpression Node, int Parent)>();
        for (var r = 0; r < rules.Count; r++)
        {
            bodies[r] = nodes.Count;
            stack.Push((rules[r].Body, -1));
            while (stack.Count > 0)
            {
                var (node, parent) = stack.Pop();
                var index = nodes.Count;
                nodes.Add(node);
                parents.Add(parent);
                owners.Add(r);
                foreach (var child in Children(node).Reverse())
                {
                    stack.Push((child, index));
                }
            }
        }

        return new GbnfNodeList(nodes, parents, owners, bodies);
    }

    public static IReadOnlyList<GbnfExpression> Children(GbnfExpression node) => node switch
    {
        GbnfSequence sequence => sequence.Items,
        GbnfAlternatives alternatives => alternatives.Options,
        GbnfRepetition repetition => [repetition.Item],
        _ => [],
    };

    /// <summary>A sequence or choice in parentheses, which llama.cpp turns into a rule of its own.</summary>
    public bool IsGroup(int index) =>
        Nodes[index] is GbnfSequence or GbnfAlternatives && Parents[index] >= 0 && Nodes[Parents[index]] is GbnfSequence or GbnfRepetition;
}
