namespace OmniBot.Engine.Templates.Syntax;

/// <summary>
/// Rejects unknown filters and tests at parse time, as Jinja's compiler does, except inside an <c>if</c> statement
/// or a conditional expression where Jinja defers the error until the filter is actually used.
/// </summary>
internal static class TemplateValidator
{
    public static void Validate(IReadOnlyList<Stmt> body)
    {
        foreach (var statement in body)
        {
            Visit(statement, soft: false);
        }
    }

    private static void Visit(Node node, bool soft)
    {
        switch (node)
        {
            case FilterExpr { Function: null } filter when !soft:
                throw new TemplateSyntaxException($"No filter named '{filter.Name}'.", filter.Line, filter.Column);
            case TestExpr { Function: null } test when !soft:
                throw new TemplateSyntaxException($"No test named '{test.Name}'.", test.Line, test.Column);
        }

        var childrenSoft = node switch
        {
            IfStmt or ConditionalExpr => true,
            ForStmt or MacroStmt or CallBlockStmt or FilterBlockStmt or AssignBlockStmt or WithStmt or ScopedBodyStmt => false,
            _ => soft,
        };
        foreach (var child in SyntaxTree.Children(node))
        {
            var childSoft = node is ForStmt loop && ReferenceEquals(child, loop.Iterable) ? soft : childrenSoft;
            Visit(child, childSoft);
        }
    }
}
