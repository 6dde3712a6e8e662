using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Jinja's <c>cycler(a, b, ...)</c> global: <c>next()</c> returns the items in turn, <c>current</c> the one up now.</summary>
internal sealed class Cycler(IReadOnlyList<object?> items)
{
    private int _position;

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "items" => new PyList([.. items]),
            "current" => items[_position],
            "next" => new BoundMethod(this, "next", static (_, self, args) => ((Cycler)self).Next(args)),
            "reset" => new BoundMethod(this, "reset", static (_, self, args) =>
            {
                args.ExpectNone("reset");
                ((Cycler)self)._position = 0;
                return null;
            }),
            _ => this,
        };
        return !ReferenceEquals(value, this);
    }

    private object? Next(CallArguments arguments)
    {
        arguments.ExpectNone("next");
        var value = items[_position];
        _position = (_position + 1) % items.Count;
        return value;
    }
}
