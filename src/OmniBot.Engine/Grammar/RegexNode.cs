namespace OmniBot.Engine.Grammar;

/// <summary>A parsed <c>pattern</c> regular expression.</summary>
internal abstract record RegexNode
{
    /// <summary>
    /// Shortest and longest match in code points (null: unbounded, or beyond what an int holds).
    /// Each node works it out once from its children's, so asking is constant time.
    /// </summary>
    public abstract (int Min, int? Max) Length { get; }

    protected static int SaturatingAdd(int a, int b) => (int)Math.Min(int.MaxValue, (long)a + b);

    protected static int SaturatingMultiply(int a, int b) => (int)Math.Min(int.MaxValue, (long)a * b);

    protected static int? CheckedAdd(int? a, int? b) => a is null || b is null || (long)a + b > int.MaxValue ? null : a + b;

    protected static int? CheckedMultiply(int? a, int? b) => a is null || b is null || (long)a * b > int.MaxValue ? null : a * b;
}

internal sealed record RegexCharacters(CodePointSet Set) : RegexNode
{
    public override (int Min, int? Max) Length => (1, 1);
}

internal sealed record RegexSequence(IReadOnlyList<RegexNode> Items) : RegexNode
{
    public override (int Min, int? Max) Length { get; } = Measure(Items);

    private static (int Min, int? Max) Measure(IReadOnlyList<RegexNode> items)
    {
        var min = 0;
        int? max = 0;
        foreach (var item in items)
        {
            var (itemMin, itemMax) = item.Length;
            min = SaturatingAdd(min, itemMin);
            max = CheckedAdd(max, itemMax);
        }

        return (min, max);
    }
}

internal sealed record RegexAlternation(IReadOnlyList<RegexNode> Options) : RegexNode
{
    public override (int Min, int? Max) Length { get; } = Measure(Options);

    private static (int Min, int? Max) Measure(IReadOnlyList<RegexNode> options)
    {
        var lengths = options.Select(o => o.Length).ToList();
        return (lengths.Min(l => l.Min), lengths.Any(l => l.Max is null) ? null : lengths.Max(l => l.Max));
    }
}

internal sealed record RegexRepeat(RegexNode Item, int Min, int? Max) : RegexNode
{
    public override (int Min, int? Max) Length { get; } = Measure(Item, Min, Max);

    private static (int Min, int? Max) Measure(RegexNode item, int min, int? max)
    {
        var (itemMin, itemMax) = item.Length;
        return (SaturatingMultiply(itemMin, min), max is null || itemMax is null ? (itemMax == 0 ? 0 : null) : CheckedMultiply(itemMax, max));
    }
}

internal sealed record RegexAnchor(bool AtStart) : RegexNode
{
    public override (int Min, int? Max) Length => (0, 0);
}
