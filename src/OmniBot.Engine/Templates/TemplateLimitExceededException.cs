namespace OmniBot.Engine.Templates;

/// <summary>
/// Rendering stopped because the template went past one of the bounds in <see cref="JinjaRenderOptions"/>.
/// The message names the option to raise when the template is trusted and the work is expected.
/// </summary>
public sealed class TemplateLimitExceededException : TemplateException
{
    internal TemplateLimitExceededException(TemplateLimit limit, long maximum, string what, Exception? innerException = null)
        : this(limit, maximum, what, $"raise JinjaRenderOptions.Max{limit} if the template is trusted and this is expected", innerException)
    {
    }

    internal TemplateLimitExceededException(TemplateLimit limit, long maximum, string what, string fix, Exception? innerException = null)
        : base($"The template {what}; {fix}.", null, innerException)
    {
        Limit = limit;
        Maximum = maximum;
    }

    /// <summary>Which bound was exceeded.</summary>
    public TemplateLimit Limit { get; }

    /// <summary>The configured value of that bound.</summary>
    public long Maximum { get; }
}
