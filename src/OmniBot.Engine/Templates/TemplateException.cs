namespace OmniBot.Engine.Templates;

/// <summary>
/// Base type of every error a chat template produces while it is parsed or rendered.
/// </summary>
public abstract class TemplateException : Exception
{
    private protected TemplateException(string message, int? line, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
    }

    /// <summary>The 1-based template line the error belongs to, when known.</summary>
    public int? Line { get; internal set; }
}
