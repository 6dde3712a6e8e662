using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Jinja's <c>joiner(sep)</c> global: calling it returns "" the first time and the separator after that.</summary>
internal sealed class Joiner(PyStr separator)
{
    private bool _used;

    public object? Call(CallArguments arguments)
    {
        arguments.ExpectNone("joiner");
        if (!_used)
        {
            _used = true;
            return PyStr.Empty;
        }

        return separator;
    }
}
