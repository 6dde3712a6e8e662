namespace OmniBot.Engine.Text;

/// <summary>
/// Streams text while watching for stop sequences that may arrive split across tokens. Text that could
/// still be the start of a stop sequence is held back; a stop sequence itself is never released.
/// </summary>
/// <remarks>
/// Each stop sequence is followed by a Knuth–Morris–Pratt matcher that remembers how much of it the text seen so far
/// ends with, so each appended character costs a constant amortised step per stop sequence, however long the stop
/// sequences and however much text is held back (comparing every held-back suffix again per token is quadratic).
/// </remarks>
internal sealed class StopSequenceFilter
{
    private readonly StopMatcher[] _matchers;
    private string _pending = string.Empty;

    public StopSequenceFilter(IReadOnlyList<string> stopSequences) =>
        _matchers = [.. stopSequences.Where(stop => stop.Length > 0).Select(stop => new StopMatcher(stop))];

    public bool Stopped { get; private set; }

    /// <summary>Adds new text; returns the text that is now safe to release.</summary>
    public string Append(string text)
    {
        if (Stopped)
        {
            return string.Empty;
        }

        if (_matchers.Length == 0)
        {
            return text;
        }

        var buffer = _pending + text;
        var earliest = -1;
        var hold = 0;
        foreach (var matcher in _matchers)
        {
            var end = matcher.Feed(text);
            if (end >= 0)
            {
                var start = _pending.Length + end + 1 - matcher.Stop.Length;
                earliest = earliest < 0 ? start : Math.Min(earliest, start);
            }

            hold = Math.Max(hold, matcher.Matched);
        }

        if (earliest >= 0)
        {
            Stopped = true;
            _pending = string.Empty;
            return buffer[..earliest];
        }

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

    /// <summary>How much of one stop sequence the text so far ends with, kept up to date character by character.</summary>
    private sealed class StopMatcher
    {
        private readonly int[] _fallback;

        public StopMatcher(string stop)
        {
            Stop = stop;
            _fallback = new int[stop.Length];
            for (int i = 1, length = 0; i < stop.Length; i++)
            {
                while (length > 0 && stop[i] != stop[length])
                {
                    length = _fallback[length - 1];
                }

                if (stop[i] == stop[length])
                {
                    length++;
                }

                _fallback[i] = length;
            }
        }

        public string Stop { get; }

        /// <summary>The length of the longest prefix of <see cref="Stop"/> that the text seen so far ends with.</summary>
        public int Matched { get; private set; }

        /// <summary>Reads <paramref name="text"/>; returns the index in it where the whole stop sequence first ends, or -1.</summary>
        public int Feed(string text)
        {
            var matched = Matched;
            for (var i = 0; i < text.Length; i++)
            {
                while (matched > 0 && text[i] != Stop[matched])
                {
                    matched = _fallback[matched - 1];
                }

                if (text[i] == Stop[matched])
                {
                    matched++;
                }

                if (matched == Stop.Length)
                {
                    Matched = matched;
                    return i;
                }
            }

            Matched = matched;
            return -1;
        }
    }
}
