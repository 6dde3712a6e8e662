namespace OmniBot.Engine.Speculation;

/// <summary>
/// How long one decode of n tokens takes on this machine, learned from the loop's own decodes. On a GPU a
/// verification batch costs about one token; on a small CPU it can cost twice as much for two tokens, so
/// whether a draft pays depends on these figures, not on a rule of thumb.
/// </summary>
internal sealed class DecodeCostModel
{
    private readonly SmoothedSeconds[] _seconds;

    public DecodeCostModel(int maxTokens) => _seconds = new SmoothedSeconds[maxTokens + 1];

    public bool HasMeasurements { get; private set; }

    public void Observe(int tokens, double seconds)
    {
        if (tokens < 1 || tokens >= _seconds.Length || seconds <= 0)
        {
            return;
        }

        _seconds[tokens].Add(seconds);
        HasMeasurements = true;
    }

    /// <summary>
    /// The measured time of a decode of <paramref name="tokens"/>, else a straight line between the nearest
    /// measured sizes. Past the largest measured size it assumes that size's cost: optimistic on purpose, so
    /// a size is tried once and then known.
    /// </summary>
    public double Estimate(int tokens)
    {
        tokens = Math.Clamp(tokens, 1, _seconds.Length - 1);
        if (_seconds[tokens].Value > 0)
        {
            return _seconds[tokens].Value;
        }

        var below = tokens - 1;
        while (below >= 1 && _seconds[below].Value == 0)
        {
            below--;
        }

        var above = tokens + 1;
        while (above < _seconds.Length && _seconds[above].Value == 0)
        {
            above++;
        }

        return (below >= 1, above < _seconds.Length) switch
        {
            (true, true) => _seconds[below].Value + ((_seconds[above].Value - _seconds[below].Value) * (tokens - below) / (above - below)),
            (true, false) => _seconds[below].Value,
            (false, true) => _seconds[above].Value,
            _ => 0,
        };
    }
}
