using System.Globalization;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Python's <c>range</c> object (what the sandbox's <c>range()</c> returns): lazy, indexable, printed as <c>range(0, 3)</c>.</summary>
internal sealed record PyRange(long Start, long Stop, long Step)
{
    public int Count
    {
        get
        {
            if (Step > 0 ? Start >= Stop : Start <= Stop)
            {
                return 0;
            }

            var span = Step > 0 ? Stop - Start : Start - Stop;
            var step = Math.Abs(Step);
            return (int)Math.Min(int.MaxValue, ((span - 1) / step) + 1);
        }
    }

    public long this[int index] => Start + (index * Step);

    public IEnumerable<object?> Iterate()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    public override string ToString() => Step == 1
        ? string.Create(CultureInfo.InvariantCulture, $"range({Start}, {Stop})")
        : string.Create(CultureInfo.InvariantCulture, $"range({Start}, {Stop}, {Step})");
}
