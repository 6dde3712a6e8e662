namespace OmniBot.Engine.Text;

/// <summary>
/// Streams text while watching for stop sequences that may arrive split across tokens. Text that could
/// still be the start of a stop sequence is held back; a stop sequence itself is never released.
/// </summary>
internal sealed class StopSequenceFilter
{
    private readonly IReadOnlyList<string> _stops;
    private string _pending = string.Empty;

    public StopSequenceFilter(IReadOnlyList<string> stopSequences) => _stops = stopSequences;

    public bool Stopped { get; private set; }

    /// <summary>Adds new text; returns the text that is now safe to release.</summary>
    public string Append(string text)
    {
        if (Stopped)
        {
            return string.Empty;
        }

        if (_stops.Count == 0)
        {
            return text;
        }

        var buffer = _pending + text;
        var stopAt = FindEarliestStop(buffer);
        if (stopAt >= 0)
        {
            Stopped = true;
            _pending = string.Empty;
            return buffer[..stopAt];
        }

        var hold = LongestSuffixThatStartsAStop(buffer);
        _pending = buffer[(buffer.Length - hold)..];
        return buffer[..(buffer.Length - hold)];
    }

    /// <summary>Releases what was held back once no more text will come.</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = string.Empty;
        return Stopped ? string.Empty : rest;
    }

    private int FindEarliestStop(string buffer)
    {
        var earliest = -1;
        foreach (var stop in _stops)
        {
            var index = buffer.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (earliest < 0 || index < earliest))
            {
                earliest = index;
            }
        }

        return earliest;
    }

    private int LongestSuffixThatStartsAStop(string buffer)
    {
        var longest = 0;
        foreach (var stop in _stops)
        {
            var max = Math.Min(stop.Length - 1, buffer.Length);
            for (var length = max; length > longest; length--)
            {
                if (buffer.AsSpan(buffer.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
