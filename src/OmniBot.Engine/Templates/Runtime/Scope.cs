namespace OmniBot.Engine.Templates.Runtime;

/// <summary>
/// One level of variables. Lookups walk outwards (loop iteration → template → render variables → globals);
/// assignments always land in the innermost scope, which is how Jinja keeps loop and macro variables from leaking.
/// </summary>
internal sealed class Scope
{
    private readonly Scope? _parent;
    private readonly IReadOnlyDictionary<string, object?>? _fixed;
    private Dictionary<string, object?>? _variables;

    public Scope(Scope? parent)
    {
        _parent = parent;
    }

    private Scope(IReadOnlyDictionary<string, object?> variables, Scope? parent)
    {
        _fixed = variables;
        _parent = parent;
    }

    /// <summary>A scope over an existing dictionary that is only read (globals, render variables).</summary>
    public static Scope ReadOnly(IReadOnlyDictionary<string, object?> variables, Scope? parent) => new(variables, parent);

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables is not null && scope._variables.TryGetValue(name, out value))
            {
                return true;
            }

            if (scope._fixed is not null && scope._fixed.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public void Set(string name, object? value)
    {
        _variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _variables[name] = value;
    }
}
