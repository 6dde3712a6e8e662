using OmniBot.Engine.Templates.Builtins;

namespace OmniBot.Engine.Templates.Syntax;

internal abstract record Node(int Line);

internal abstract record Expr(int Line) : Node(Line);

/// <summary>A literal (None, bool, int, float, str) or template text; <paramref name="Value"/> is already a runtime value.</summary>
internal sealed record ConstExpr(object? Value, int Line) : Expr(Line);

internal sealed record NameExpr(string Name, int Line) : Expr(Line);

/// <summary><c>ns.attr</c> as an assignment target (<c>{% set ns.attr = ... %}</c>).</summary>
internal sealed record NamespaceRefExpr(string Name, string Attribute, int Line) : Expr(Line);

internal sealed record TupleExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal sealed record DictExpr(IReadOnlyList<KeyValuePair<Expr, Expr>> Pairs, int Line) : Expr(Line);

internal sealed record GetAttrExpr(Expr Target, string Attribute, int Line) : Expr(Line);

internal sealed record GetItemExpr(Expr Target, Expr Key, int Line) : Expr(Line);

internal sealed record SliceExpr(Expr? Start, Expr? Stop, Expr? Step, int Line) : Expr(Line);

internal sealed record CallSyntax(
    IReadOnlyList<Expr> Positional,
    IReadOnlyList<KeyValuePair<string, Expr>> Keywords,
    Expr? DynamicPositional,
    Expr? DynamicKeywords)
{
    public static CallSyntax None { get; } = new([], [], null, null);

    public IEnumerable<Expr> Children()
    {
        foreach (var expr in Positional)
        {
            yield return expr;
        }

        foreach (var pair in Keywords)
        {
            yield return pair.Value;
        }

        if (DynamicPositional is not null)
        {
            yield return DynamicPositional;
        }

        if (DynamicKeywords is not null)
        {
            yield return DynamicKeywords;
        }
    }
}

internal sealed record CallExpr(Expr Target, CallSyntax Arguments, int Line) : Expr(Line);

/// <summary><c>target|name(args)</c>; <paramref name="Target"/> is null for the innermost filter of a filter block or block set.</summary>
internal sealed record FilterExpr(Expr? Target, string Name, FilterFunction? Function, CallSyntax Arguments, int Line, int Column) : Expr(Line);

internal sealed record TestExpr(Expr Target, string Name, TestFunction? Function, CallSyntax Arguments, int Line, int Column) : Expr(Line);

internal sealed record ConditionalExpr(Expr Test, Expr Then, Expr? Else, int Line) : Expr(Line);

internal enum BinaryOperator
{
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

internal sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right, int Line) : Expr(Line);

internal sealed record AndExpr(Expr Left, Expr Right, int Line) : Expr(Line);

internal sealed record OrExpr(Expr Left, Expr Right, int Line) : Expr(Line);

internal sealed record NotExpr(Expr Operand, int Line) : Expr(Line);

internal sealed record NegateExpr(Expr Operand, bool IsMinus, int Line) : Expr(Line);

internal sealed record ConcatExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);

internal enum CompareOperator
{
    Eq,
    Ne,
    Lt,
    LtEq,
    Gt,
    GtEq,
    In,
    NotIn,
}

internal sealed record CompareExpr(Expr First, IReadOnlyList<KeyValuePair<CompareOperator, Expr>> Rest, int Line) : Expr(Line);
