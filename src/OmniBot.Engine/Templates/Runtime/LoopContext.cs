using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

/// <summary>
/// The <c>loop</c> variable, with Jinja's lazy semantics: the iterable is read one item ahead only when
/// <c>loop.last</c> or <c>loop.nextitem</c> asks, and fully only when <c>loop.length</c> (or a reverse index) does.
/// </summary>
internal sealed class LoopContext
{
    private static readonly object Missing = new();

    private readonly Func<object?, int, PyStr>? _recurse;
    private IEnumerator<object?> _iterator;
    private int? _length;
    private object? _after = Missing;
    private object? _before = Missing;
    private object? _current = Missing;
    private PyList? _lastChanged;

    public LoopContext(IEnumerable<object?> items, int? knownLength, int depth0, Func<object?, int, PyStr>? recurse)
    {
        _iterator = items.GetEnumerator();
        _length = knownLength;
        Depth0 = depth0;
        _recurse = recurse;
    }

    public int Index0 { get; private set; } = -1;

    public int Depth0 { get; }

    public int Length
    {
        get
        {
            if (_length is null)
            {
                var rest = new List<object?>();
                while (_iterator.MoveNext())
                {
                    rest.Add(_iterator.Current);
                }

                _iterator = rest.GetEnumerator();
                _length = rest.Count + Index0 + 1 + (ReferenceEquals(_after, Missing) ? 0 : 1);
            }

            return _length.Value;
        }
    }

    public bool MoveNext(out object? item)
    {
        if (!ReferenceEquals(_after, Missing))
        {
            item = _after;
            _after = Missing;
        }
        else if (_iterator.MoveNext())
        {
            item = _iterator.Current;
        }
        else
        {
            item = null;
            return false;
        }

        Index0++;
        _before = _current;
        _current = item;
        return true;
    }

    private object? PeekNext()
    {
        if (ReferenceEquals(_after, Missing) && _iterator.MoveNext())
        {
            _after = _iterator.Current;
        }

        return _after;
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "index" => (long)(Index0 + 1),
            "index0" => (long)Index0,
            "revindex" => (long)(Length - Index0),
            "revindex0" => (long)(Length - Index0 - 1),
            "first" => Index0 == 0,
            "last" => ReferenceEquals(PeekNext(), Missing),
            "length" => (long)Length,
            "depth" => (long)(Depth0 + 1),
            "depth0" => (long)Depth0,
            "previtem" => Index0 == 0 ? Undefined.WithHint("there is no previous item") : _before,
            "nextitem" => PeekNext() is var next && ReferenceEquals(next, Missing) ? Undefined.WithHint("there is no next item") : next,
            "cycle" => new BoundMethod(this, "cycle", static (_, self, args) => ((LoopContext)self).Cycle(args)),
            "changed" => new BoundMethod(this, "changed", static (_, self, args) => ((LoopContext)self).Changed(args)),
            _ => Missing,
        };
        return !ReferenceEquals(value, Missing);
    }

    private object? Cycle(CallArguments arguments)
    {
        if (arguments.Positional.Count == 0)
        {
            throw new TemplateRenderException("TypeError", "no items for cycling given");
        }

        return arguments.Positional[Index0 % arguments.Positional.Count];
    }

    private bool Changed(CallArguments arguments)
    {
        var value = new PyList([.. arguments.Positional], isTuple: true);
        if (_lastChanged is not null && PyOps.Equal(_lastChanged, value))
        {
            return false;
        }

        _lastChanged = value;
        return true;
    }

    /// <summary><c>loop(children)</c> inside a <c>recursive</c> loop: renders the loop body for the children, one level deeper.</summary>
    public PyStr Recurse(CallArguments arguments)
    {
        if (_recurse is null)
        {
            throw new TemplateRenderException("TypeError", "The loop must have the 'recursive' marker to be called recursively.");
        }

        var iterable = arguments.Bind("loop", ["iterable"])[0];
        return _recurse(iterable, Depth0 + 1);
    }

    public string Describe() => $"<LoopContext {Index0 + 1}/{Length}>";
}
