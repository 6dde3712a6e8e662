namespace OmniBot.Web.Markdown;

/// <summary>
/// A reply as HTML for the page. <see cref="PlainTextReason"/> is set when the HTML is the escaped text instead, because
/// the reply could not be formatted safely; it says why ("it is nested too deeply to format").
/// </summary>
public sealed record MarkdownHtml(string Html, string? PlainTextReason = null)
{
    public static MarkdownHtml Empty { get; } = new("");

    public bool IsPlainText => PlainTextReason is not null;
}
