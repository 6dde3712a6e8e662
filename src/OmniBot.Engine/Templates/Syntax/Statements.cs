namespace OmniBot.Engine.Templates.Syntax;

internal abstract record Stmt(int Line) : Node(Line);

/// <summary>Template text and <c>{{ ... }}</c> expressions, printed in order.</summary>
internal sealed record OutputStmt(IReadOnlyList<Expr> Items, int Line) : Stmt(Line);

internal sealed record ForStmt(
    Expr Target,
    Expr Iterable,
    IReadOnlyList<Stmt> Body,
    IReadOnlyList<Stmt> Else,
    Expr? Filter,
    bool Recursive,
    int Line) : Stmt(Line);

internal sealed record IfBranch(Expr Test, IReadOnlyList<Stmt> Body);

/// <summary><c>if</c> / <c>elif</c> branches in order, then <c>else</c>.</summary>
internal sealed record IfStmt(IReadOnlyList<IfBranch> Branches, IReadOnlyList<Stmt> Else, int Line) : Stmt(Line);

/// <summary>A macro's parameters and body, shared by <c>{% macro %}</c> and the <c>caller</c> of <c>{% call %}</c>.</summary>
internal sealed record MacroSignature(
    string Name,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<Expr> Defaults,
    IReadOnlyList<Stmt> Body,
    bool UsesCaller,
    bool CatchesKeywords,
    bool CatchesVarargs);

internal sealed record MacroStmt(MacroSignature Signature, int Line) : Stmt(Line);

internal sealed record CallBlockStmt(CallExpr Call, MacroSignature Caller, int Line) : Stmt(Line);

internal sealed record FilterBlockStmt(FilterExpr Filter, IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

internal sealed record AssignStmt(Expr Target, Expr Value, int Line) : Stmt(Line);

internal sealed record AssignBlockStmt(Expr Target, FilterExpr? Filter, IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

internal sealed record WithStmt(IReadOnlyList<Expr> Targets, IReadOnlyList<Expr> Values, IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);

internal sealed record BreakStmt(int Line) : Stmt(Line);

internal sealed record ContinueStmt(int Line) : Stmt(Line);

/// <summary>A body rendered in its own scope: <c>{% block %}</c> and transformers' <c>{% generation %}</c>.</summary>
internal sealed record ScopedBodyStmt(IReadOnlyList<Stmt> Body, int Line) : Stmt(Line);
