namespace OmniBot.Engine.Templates.Syntax;

/// <summary>Which variable names a body reads; a macro accepts extra arguments only when its body reads <c>varargs</c>/<c>kwargs</c>.</summary>
internal static class NameUsage
{
    public static HashSet<string> LoadedNames(IEnumerable<Stmt> body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Node>(body.Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is NameExpr name)
            {
                names.Add(name.Name);
                continue;
            }

            foreach (var child in SyntaxTree.Children(node))
            {
                if (!IsStoreTarget(node, child))
                {
                    pending.Push(child);
                }
            }
        }

        return names;
    }

    private static bool IsStoreTarget(Node parent, Node child) => parent switch
    {
        AssignStmt assign => ReferenceEquals(assign.Target, child),
        AssignBlockStmt assignBlock => ReferenceEquals(assignBlock.Target, child),
        ForStmt loop => ReferenceEquals(loop.Target, child),
        WithStmt with => with.Targets.Any(t => ReferenceEquals(t, child)),
        _ => false,
    };
}
