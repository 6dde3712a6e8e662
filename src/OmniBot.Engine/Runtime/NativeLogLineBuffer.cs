using System.Text;
using LLama.Native;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Turns llama.cpp's log fragments into whole lines. llama.cpp writes partial lines (progress dots,
/// then a CONT-level continuation) and sometimes several lines in one call; loggers want one entry
/// per line, at the level the line started with.
/// </summary>
internal sealed class NativeLogLineBuffer
{
    private readonly StringBuilder _pending = new();
    private LLamaLogLevel _pendingLevel = LLamaLogLevel.Info;

    /// <summary>Adds a fragment and returns the lines it completed.</summary>
    public IReadOnlyList<(LLamaLogLevel Level, string Line)> Append(LLamaLogLevel level, string fragment)
    {
        var lines = new List<(LLamaLogLevel, string)>();
        if (level != LLamaLogLevel.Continue)
        {
            // A new message (not a continuation) ends whatever partial line came before it.
            Flush(lines);
            _pendingLevel = level;
        }

        var start = 0;
        int newline;
        while ((newline = fragment.IndexOf('\n', start)) >= 0)
        {
            _pending.Append(fragment, start, newline - start);
            Flush(lines);
            start = newline + 1;
        }

        _pending.Append(fragment, start, fragment.Length - start);
        return lines;
    }

    private void Flush(List<(LLamaLogLevel, string)> lines)
    {
        var line = _pending.ToString().TrimEnd('\r', ' ', '\t');
        _pending.Clear();
        if (line.Length > 0)
        {
            lines.Add((_pendingLevel, line));
        }
    }
}
