namespace OmniBot.Engine.Templates;

/// <summary>
/// The template called <c>raise_exception(message)</c>: it refuses the conversation it was given
/// (for example a system message on a model without a system role). <see cref="Exception.Message"/>
/// is exactly the text the template passed.
/// </summary>
public sealed class TemplateRaisedException : TemplateException
{
    internal TemplateRaisedException(string message)
        : base(message, null)
    {
    }
}
