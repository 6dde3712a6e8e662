namespace OmniBot.Engine.Templates.Syntax;

/// <summary>Enumerates the direct children of syntax nodes, for the checks that walk the whole tree.</summary>
internal static class SyntaxTree
{
    public static IEnumerable<Node> Children(Node node)
    {
        switch (node)
        {
            case OutputStmt output:
                return output.Items;
            case ForStmt loop:
                return [loop.Target, loop.Iterable, .. Optional(loop.Filter), .. loop.Body, .. loop.Else];
            case IfStmt branch:
                return [.. branch.Branches.SelectMany(b => (IEnumerable<Node>)[b.Test, .. b.Body]), .. branch.Else];
            case MacroStmt macro:
                return [.. macro.Signature.Defaults, .. macro.Signature.Body];
            case CallBlockStmt call:
                return [call.Call, .. call.Caller.Defaults, .. call.Caller.Body];
            case FilterBlockStmt filter:
                return [filter.Filter, .. filter.Body];
            case AssignStmt assign:
                return [assign.Target, assign.Value];
            case AssignBlockStmt assignBlock:
                return [assignBlock.Target, .. Optional(assignBlock.Filter), .. assignBlock.Body];
            case WithStmt with:
                return [.. with.Targets, .. with.Values, .. with.Body];
            case ScopedBodyStmt scoped:
                return scoped.Body;
            case TupleExpr tuple:
                return tuple.Items;
            case ListExpr list:
                return list.Items;
            case DictExpr dict:
                return dict.Pairs.SelectMany(p => (IEnumerable<Node>)[p.Key, p.Value]);
            case GetAttrExpr getAttr:
                return [getAttr.Target];
            case GetItemExpr getItem:
                return [getItem.Target, getItem.Key];
            case SliceExpr slice:
                return [.. Optional(slice.Start), .. Optional(slice.Stop), .. Optional(slice.Step)];
            case CallExpr call:
                return [call.Target, .. call.Arguments.Children()];
            case FilterExpr filter:
                return [.. Optional(filter.Target), .. filter.Arguments.Children()];
            case TestExpr test:
                return [test.Target, .. test.Arguments.Children()];
            case ConditionalExpr conditional:
                return [conditional.Test, conditional.Then, .. Optional(conditional.Else)];
            case BinaryExpr binary:
                return [binary.Left, binary.Right];
            case AndExpr and:
                return [and.Left, and.Right];
            case OrExpr or:
                return [or.Left, or.Right];
            case NotExpr not:
                return [not.Operand];
            case NegateExpr negate:
                return [negate.Operand];
            case ConcatExpr concat:
                return concat.Items;
            case CompareExpr compare:
                return [compare.First, .. compare.Rest.Select(r => r.Value)];
            default:
                return [];
        }
    }

    private static IEnumerable<Node> Optional(Node? node) => node is null ? [] : [node];
}
