using System.Globalization;
using System.Net;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace OmniBot.Web.Markdown;

/// <summary>
/// Model output as HTML that is safe to put in the page: raw HTML is shown as text, links may only point to http(s),
/// mailto or the same site, images become placeholders (nothing is fetched until the reader asks), no attribute syntax
/// is enabled, and code blocks get a copy button. Text too long or too deeply nested to format is shown as escaped
/// plain text instead, so no reply can throw out of rendering or keep the page busy.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Default for <see cref="MaxMarkdownLength"/>: about 16k tokens, a long reply; pathological text this size still parses in well under a second.</summary>
    public const int DefaultMaxMarkdownLength = 65_536;

    /// <summary>Blocks and inlines nested deeper than this are not formatted; real replies stay far below it.</summary>
    public const int MaxNestingDepth = 64;

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    // Deliberately not UseAdvancedExtensions: generic attributes ({onclick=...}) would let model output add script handlers.
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder
    {
        MaximumNestingDepth = MaxNestingDepth,
    }
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .DisableHtml()
        .Build();

    private readonly int _maxMarkdownLength = DefaultMaxMarkdownLength;

    /// <summary>Text longer than this many characters is shown as plain text rather than parsed as Markdown.</summary>
    public int MaxMarkdownLength
    {
        get => _maxMarkdownLength;
        init => _maxMarkdownLength = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxMarkdownLength must be positive.");
    }

    public string ToHtml(string? markdown) => Render(markdown).Html;

    public MarkdownHtml Render(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return MarkdownHtml.Empty;
        }

        if (markdown.Length > MaxMarkdownLength)
        {
            return PlainText(markdown, string.Create(CultureInfo.InvariantCulture, $"it is longer than {MaxMarkdownLength:N0} characters"));
        }

        try
        {
            return new MarkdownHtml(RenderMarkdown(markdown));
        }
        catch (ArgumentException)
        {
            // Markdig refuses nesting past MaximumNestingDepth, while parsing or while writing HTML, with ArgumentException.
            return PlainText(markdown, "it is nested too deeply to format");
        }
    }

    /// <summary>The text escaped in a preformatted block, with a note saying why it is not formatted.</summary>
    public static MarkdownHtml PlainText(string text, string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        // HTML drops one newline right after <pre>; this one, so that a reply starting with a blank line keeps it.
        return new MarkdownHtml(
            "<pre class=\"markdown-plain\">\n" + WebUtility.HtmlEncode(text) + "</pre><p class=\"markdown-note\">Shown as plain text: "
                + WebUtility.HtmlEncode(reason) + ".</p>",
            reason);
    }

    /// <summary>Relative URLs and http, https and mailto ones; javascript:, data:, vbscript: and anything else are not.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so judge the URL without them.
        var compact = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstDelimiter >= 0 && firstDelimiter < colon))
        {
            return true;
        }

        var scheme = compact[..colon];
        return SafeSchemes.Any(safe => string.Equals(safe, scheme, StringComparison.OrdinalIgnoreCase));
    }

    private string RenderMarkdown(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        // Images keep their URL: the placeholder shows it as text and judges it before offering to open it.
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!link.IsImage && !IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer) { MaximumNestingDepth = MaxNestingDepth };
        // Replaced before Setup, so that the referral-links extension sets rel on the renderers that are used.
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new ImagePlaceholderRenderer());
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new CopyableCodeBlockRenderer());
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Fenced and indented code with a copy button in front (the page's chat.js does the copying).</summary>
    private sealed class CopyableCodeBlockRenderer : CodeBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            renderer.Write("<div class=\"code-block\"><button type=\"button\" class=\"copy-code\" data-copy-code aria-label=\"Copy code\">Copy</button>");
            base.Write(renderer, obj);
            renderer.Write("</div>");
        }
    }
}
