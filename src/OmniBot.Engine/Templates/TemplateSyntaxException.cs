namespace OmniBot.Engine.Templates;

/// <summary>
/// The template text is not valid Jinja (or uses a filter or test that does not exist).
/// The message names the problem and its position; <see cref="Line"/> and <see cref="Column"/> locate it.
/// </summary>
public sealed class TemplateSyntaxException : TemplateException
{
    internal TemplateSyntaxException(string reason, int line, int column)
        : base($"{reason} (line {line}, column {column})", line)
    {
        Reason = reason;
        Column = column;
    }

    /// <summary>What is wrong, in Jinja's wording, without the position.</summary>
    public string Reason { get; }

    /// <summary>The 1-based column (in UTF-16 code units) where the problem starts.</summary>
    public int Column { get; }
}
