namespace OmniBot.Engine.Templates.Values;

/// <summary>Evaluated positional and keyword arguments of a call, filter or test.</summary>
internal sealed class CallArguments
{
    public static readonly CallArguments Empty = new([], []);

    public CallArguments(IReadOnlyList<object?> positional, IReadOnlyList<KeyValuePair<string, object?>> keywords)
    {
        Positional = positional;
        Keywords = keywords;
    }

    public IReadOnlyList<object?> Positional { get; }

    public IReadOnlyList<KeyValuePair<string, object?>> Keywords { get; }

    public static CallArguments Of(params object?[] positional) => new(positional, []);

    /// <summary>
    /// Binds the arguments to Python-style parameters (positional or keyword, with defaults) and raises Python's
    /// TypeError for a missing, repeated or unknown argument. <paramref name="defaults"/> aligns with the last parameters.
    /// </summary>
    public object?[] Bind(string function, string[] parameters, params object?[] defaults)
    {
        var values = new object?[parameters.Length];
        var assigned = new bool[parameters.Length];
        if (Positional.Count > parameters.Length)
        {
            throw new TemplateRenderException(
                "TypeError",
                $"{function}() takes {(defaults.Length > 0 ? "from " + (parameters.Length - defaults.Length) + " to " : string.Empty)}{parameters.Length} positional arguments but {Positional.Count} were given");
        }

        for (var i = 0; i < Positional.Count; i++)
        {
            values[i] = Positional[i];
            assigned[i] = true;
        }

        foreach (var (name, value) in Keywords)
        {
            var index = Array.IndexOf(parameters, name);
            if (index < 0)
            {
                throw new TemplateRenderException("TypeError", $"{function}() got an unexpected keyword argument '{name}'");
            }

            if (assigned[index])
            {
                throw new TemplateRenderException("TypeError", $"{function}() got multiple values for argument '{name}'");
            }

            values[index] = value;
            assigned[index] = true;
        }

        var firstDefault = parameters.Length - defaults.Length;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (assigned[i])
            {
                continue;
            }

            if (i < firstDefault)
            {
                throw new TemplateRenderException("TypeError", $"{function}() missing 1 required positional argument: '{parameters[i]}'");
            }

            values[i] = defaults[i - firstDefault];
        }

        return values;
    }

    public void ExpectNone(string function)
    {
        if (Positional.Count > 0)
        {
            throw new TemplateRenderException("TypeError", $"{function}() takes no arguments ({Positional.Count} given)");
        }

        if (Keywords.Count > 0)
        {
            throw new TemplateRenderException("TypeError", $"{function}() takes no keyword arguments");
        }
    }
}
