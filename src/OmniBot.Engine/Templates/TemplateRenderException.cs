namespace OmniBot.Engine.Templates;

/// <summary>
/// Rendering failed the way Python would fail for the same template and variables
/// (for example concatenating a list to a string, or using an undefined value).
/// The message uses Python's and Jinja's wording so it can be compared with transformers.
/// </summary>
public sealed class TemplateRenderException : TemplateException
{
    internal TemplateRenderException(string errorType, string message, Exception? innerException = null)
        : base(message, null, innerException)
    {
        ErrorType = errorType;
    }

    /// <summary>The Python or Jinja exception class that would be raised: <c>TypeError</c>, <c>UndefinedError</c>, <c>ValueError</c>, ...</summary>
    public string ErrorType { get; }
}
