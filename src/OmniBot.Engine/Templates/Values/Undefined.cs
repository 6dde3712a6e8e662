namespace OmniBot.Engine.Templates.Values;

/// <summary>
/// Jinja's default <c>Undefined</c>: prints as nothing, iterates as empty, is falsy and has length 0,
/// but any other use (attribute, item, call, arithmetic, comparison) raises the error it describes.
/// </summary>
internal sealed class Undefined
{
    private static readonly object NoOwner = new();

    private readonly object? _owner;
    private readonly object? _name;
    private readonly string? _hint;
    private readonly string _errorType;

    private Undefined(object? name, object? owner, string? hint, string errorType)
    {
        _name = name;
        _owner = owner;
        _hint = hint;
        _errorType = errorType;
    }

    /// <summary>A variable that does not exist.</summary>
    public static Undefined ForName(string name) => new(name, NoOwner, null, "UndefinedError");

    /// <summary>A missing attribute or item of <paramref name="owner"/>.</summary>
    public static Undefined ForMember(object? owner, object? name) => new(name, owner, null, "UndefinedError");

    /// <summary>An undefined that explains itself (for example "No first item, sequence was empty.").</summary>
    public static Undefined WithHint(string hint, string? name = null) => new(name, NoOwner, hint, "UndefinedError");

    /// <summary>What the sandbox returns for an attribute it refuses; using it raises <c>SecurityError</c>.</summary>
    public static Undefined Unsafe(object? owner, string attribute) => new(
        attribute,
        owner,
        $"access to attribute '{attribute}' of '{PyOps.TypeName(owner)}' object is unsafe.",
        "SecurityError");

    public string Message
    {
        get
        {
            if (_hint is not null)
            {
                return _hint;
            }

            if (ReferenceEquals(_owner, NoOwner))
            {
                return $"{NameRepr} is undefined";
            }

            if (_name is not PyStr and not string)
            {
                return $"{PyOps.ObjectTypeRepr(_owner)} has no element {PyRepr.Repr(_name).Value}";
            }

            return $"{PyRepr.QuoteString(PyOps.ObjectTypeRepr(_owner))} has no attribute {NameRepr}";
        }
    }

    private string NameRepr => _name is string text ? PyRepr.QuoteString(text) : PyRepr.Repr(_name).Value;

    public TemplateRenderException Error() => new(_errorType, Message);
}
