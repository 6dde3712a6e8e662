using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace OmniBot.Web.Markdown;

/// <summary>
/// Links as Markdig writes them, but an image as a placeholder with its alt text and URL instead of an <c>&lt;img&gt;</c>:
/// model output must not make the browser fetch anything (a tracking pixel, or a GET to a local service). "Load image"
/// opens the URL in a new tab, so the fetch only ever happens when the reader asks for it.
/// </summary>
internal sealed class ImagePlaceholderRenderer : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (!link.IsImage)
        {
            base.Write(renderer, link);
            return;
        }

        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
        renderer.Write("<span class=\"image-placeholder\" data-image-placeholder><span class=\"image-placeholder-alt\">Image: ");
        var wroteHtml = renderer.EnableHtmlForInline;
        renderer.EnableHtmlForInline = false;
        renderer.WriteChildren(link);
        renderer.EnableHtmlForInline = wroteHtml;
        renderer.Write("</span> <code class=\"image-placeholder-url\">").WriteEscape(url).Write("</code>");
        // An anchor inside the link around the image would be invalid HTML; that outer link is the way to the target then.
        if (url.Length > 0 && MarkdownRenderer.IsSafeUrl(url) && !IsInsideLink(link))
        {
            renderer.Write(" <a class=\"load-image\" href=\"").WriteEscapeUrl(url)
                .Write("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">Load image</a>");
        }

        renderer.Write("</span>");
    }

    private static bool IsInsideLink(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline { IsImage: false })
            {
                return true;
            }
        }

        return false;
    }
}
