namespace OmniBot.Engine.Grammar;

/// <summary>A parsed <c>pattern</c> regular expression.</summary>
internal abstract record RegexNode
{
    /// <summary>Shortest and longest match in code points (null: unbounded).</summary>
    public abstract (int Min, int? Max) Length { get; }
}

internal sealed record RegexCharacters(CodePointSet Set) : RegexNode
{
    public override (int Min, int? Max) Length => (1, 1);
}

internal sealed record RegexSequence(IReadOnlyList<RegexNode> Items) : RegexNode
{
    public override (int Min, int? Max) Length
    {
        get
        {
            var min = 0;
            int? max = 0;
            foreach (var item in Items)
            {
                var (itemMin, itemMax) = item.Length;
                min += itemMin;
                max = max is null || itemMax is null ? null : max + itemMax;
            }

            return (min, max);
        }
    }
}

internal sealed record RegexAlternation(IReadOnlyList<RegexNode> Options) : RegexNode
{
    public override (int Min, int? Max) Length
    {
        get
        {
            var lengths = Options.Select(o => o.Length).ToList();
            return (lengths.Min(l => l.Min), lengths.Any(l => l.Max is null) ? null : lengths.Max(l => l.Max));
        }
    }
}

internal sealed record RegexRepeat(RegexNode Item, int Min, int? Max) : RegexNode
{
    public override (int Min, int? Max) Length
    {
        get
        {
            var (itemMin, itemMax) = Item.Length;
            return (itemMin * Min, Max is null || itemMax is null ? (itemMax == 0 ? 0 : null) : itemMax * Max);
        }
    }
}

internal sealed record RegexAnchor(bool AtStart) : RegexNode
{
    public override (int Min, int? Max) Length => (0, 0);
}
