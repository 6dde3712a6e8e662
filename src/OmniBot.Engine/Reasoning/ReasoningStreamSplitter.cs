namespace OmniBot.Engine.Reasoning;

/// <summary>
/// Splits a streamed reply into thinking and answer. Thinking is what comes between the format's markers
/// at the start of the reply (or from the start, when the prompt already opened it); the markers themselves
/// are never shown, and a marker split across pieces is held back until it is whole.
/// </summary>
internal sealed class ReasoningStreamSplitter
{
    private readonly ReasoningFormat _format;
    private string _pending = string.Empty;
    private State _state;

    public ReasoningStreamSplitter(ReasoningFormat format, bool startsInside)
    {
        _format = format;
        _state = startsInside ? State.Thinking : State.Start;
    }

    private enum State
    {
        Start,
        Thinking,
        AfterThinking,
        Answer,
    }

    public IReadOnlyList<ReplyPiece> Append(string text)
    {
        var pieces = new List<ReplyPiece>();
        _pending += text;
        while (_pending.Length > 0)
        {
            if (!Step(pieces))
            {
                break;
            }
        }

        return pieces;
    }

    public IReadOnlyList<ReplyPiece> Flush()
    {
        var rest = _pending;
        _pending = string.Empty;
        if (rest.Length == 0)
        {
            return [];
        }

        return [new ReplyPiece(rest, IsReasoning: _state == State.Thinking)];
    }

    /// <summary>Consumes what it can of the pending text; false when it must wait for more.</summary>
    private bool Step(List<ReplyPiece> pieces)
    {
        switch (_state)
        {
            case State.Start:
                var trimmed = _pending.TrimStart();
                if (trimmed.StartsWith(_format.Open, StringComparison.Ordinal))
                {
                    _pending = trimmed[_format.Open.Length..];
                    _state = State.Thinking;
                    return true;
                }

                if (trimmed.Length == 0 || _format.Open.StartsWith(trimmed, StringComparison.Ordinal))
                {
                    return false;
                }

                _state = State.Answer;
                return true;

            case State.Thinking:
                var close = _pending.IndexOf(_format.Close, StringComparison.Ordinal);
                if (close >= 0)
                {
                    Emit(pieces, _pending[..close], reasoning: true);
                    _pending = _pending[(close + _format.Close.Length)..];
                    _state = State.AfterThinking;
                    return true;
                }

                var hold = PartialMarkerLength(_pending, _format.Close);
                Emit(pieces, _pending[..^hold], reasoning: true);
                _pending = _pending[^hold..];
                return false;

            case State.AfterThinking:
                // The answer starts after the blank lines that follow the thinking.
                var answer = _pending.TrimStart();
                if (answer.Length == 0)
                {
                    _pending = string.Empty;
                    return false;
                }

                _pending = answer;
                _state = State.Answer;
                return true;

            default:
                Emit(pieces, _pending, reasoning: false);
                _pending = string.Empty;
                return false;
        }
    }

    private static void Emit(List<ReplyPiece> pieces, string text, bool reasoning)
    {
        if (text.Length > 0)
        {
            pieces.Add(new ReplyPiece(text, reasoning));
        }
    }

    private static int PartialMarkerLength(string text, string marker)
    {
        for (var length = Math.Min(marker.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(marker.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}

/// <summary>A piece of a reply: thinking or answer.</summary>
internal readonly record struct ReplyPiece(string Text, bool IsReasoning);
