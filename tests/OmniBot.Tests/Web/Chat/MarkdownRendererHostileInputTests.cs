using AngleSharp.Html.Parser;
using OmniBot.Web.Markdown;

namespace OmniBot.Tests.Web.Chat;

/// <summary>Replies built to hurt the renderer (deep nesting, huge text) and replies that would make the browser fetch.</summary>
public sealed class MarkdownRendererHostileInputTests
{
    public static TheoryData<string> HundredThousandLevels => new()
    {
        new string('>', 100_000) + " quoted",
        string.Concat(Enumerable.Repeat("- ", 100_000)) + "listed",
        string.Concat(Enumerable.Repeat("> - ", 100_000)) + "mixed",
        new string('*', 100_000) + "emphasised" + new string('*', 100_000),
        string.Concat(Enumerable.Repeat("*a _b ", 100_000)) + string.Concat(Enumerable.Repeat("c_ d*", 100_000)),
        new string('[', 100_000) + "bracketed" + new string(']', 100_000),
        string.Concat(Enumerable.Repeat("[", 100_000)) + "linked" + string.Concat(Enumerable.Repeat("](https://example.org)", 100_000)),
        string.Concat(Enumerable.Repeat("![", 100_000)) + "pictured" + string.Concat(Enumerable.Repeat("](https://example.org/x.png)", 100_000)),
    };

    public static TheoryData<string> PastTheDepthLimit => new()
    {
        new string('>', 200) + " quoted",
        string.Concat(Enumerable.Repeat("- ", 200)) + "listed",
        // Parses, then nests too deeply while being written as HTML.
        new string('*', 10_000) + "emphasised" + new string('*', 10_000),
        new string('[', 200) + " unclosed",
        string.Concat(Enumerable.Repeat("![", 200)) + "pictured" + string.Concat(Enumerable.Repeat("](https://example.org/x.png)", 200)),
    };

    [Theory]
    [MemberData(nameof(HundredThousandLevels))]
    public void Render_HundredThousandLevelsWithTheLengthLimitRaised_ShowsTheEscapedTextWithoutThrowing(string markdown)
    {
        // The length limit alone would refuse these; raising it shows that the depth check holds by itself.
        var result = new MarkdownRenderer { MaxMarkdownLength = 10_000_000 }.Render(markdown);

        AssertPlainText(markdown, result);
        Assert.Contains("nested too deeply", result.PlainTextReason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HundredThousandLevels))]
    public void Render_HundredThousandLevels_IsRefusedByTheLengthLimitAsPlainText(string markdown)
    {
        var result = new MarkdownRenderer().Render(markdown);

        AssertPlainText(markdown, result);
        Assert.Contains("longer than 65,536 characters", result.PlainTextReason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PastTheDepthLimit))]
    public void Render_NestingPastTheDepthLimit_ShowsTheEscapedText(string markdown)
    {
        Assert.True(markdown.Length <= MarkdownRenderer.DefaultMaxMarkdownLength);

        var result = new MarkdownRenderer().Render(markdown);

        AssertPlainText(markdown, result);
    }

    [Fact]
    public void Render_TenNestedQuotes_IsStillFormatted()
    {
        var result = new MarkdownRenderer().Render(new string('>', 10) + " deep but fine");

        Assert.False(result.IsPlainText);
        var document = new HtmlParser().ParseDocument(result.Html);
        Assert.Equal(10, document.QuerySelectorAll("blockquote").Length);
    }

    [Fact]
    public void Render_PlainTextFallback_EscapesMarkup()
    {
        var markdown = new string('>', 200) + " <img src=x onerror=alert(1)> <script>alert(2)</script>";

        var result = new MarkdownRenderer().Render(markdown);

        var document = new HtmlParser().ParseDocument(result.Html);
        Assert.Empty(document.QuerySelectorAll("img, script"));
        Assert.Equal(markdown, document.QuerySelector("pre.markdown-plain")?.TextContent);
    }

    [Fact]
    public void ToHtml_RemoteImage_IsAPlaceholderWithTheAltTextTheUrlAndALoadLink()
    {
        var html = new MarkdownRenderer().ToHtml("Look: ![a *cat*](https://tracker.example/pixel.png?user=1)");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("img, [src], [srcset]"));
        var placeholder = document.QuerySelector("[data-image-placeholder]")!;
        Assert.Equal("Image: a cat", placeholder.QuerySelector(".image-placeholder-alt")?.TextContent);
        Assert.Equal("https://tracker.example/pixel.png?user=1", placeholder.QuerySelector(".image-placeholder-url")?.TextContent);
        var load = placeholder.QuerySelector("a.load-image")!;
        Assert.Equal("Load image", load.TextContent);
        Assert.Equal("https://tracker.example/pixel.png?user=1", load.GetAttribute("href"));
        Assert.Equal("_blank", load.GetAttribute("target"));
        Assert.Contains("noreferrer", load.GetAttribute("rel") ?? "", StringComparison.Ordinal);
        Assert.Contains("noopener", load.GetAttribute("rel") ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![x](/api/delete?name=tiny-llama)")]
    [InlineData("![x][ref]\n\n[ref]: https://tracker.example/a.png")]
    [InlineData("![x](<https://tracker.example/a b.png> \"title\")")]
    [InlineData("&lt;img src=https://tracker.example/a.png&gt; &#60;img src=https://tracker.example/b.png&#62;")]
    [InlineData("<svg><image href=\"https://tracker.example/a.png\"/></svg>")]
    [InlineData("<div style=\"background:url(https://tracker.example/a.png)\">x</div>")]
    [InlineData("| a |\n|---|\n| ![x](https://tracker.example/a.png) |")]
    public void ToHtml_AnythingThatCouldLoadAnImage_LeavesNoElementThatFetches(string markdown)
    {
        var html = new MarkdownRenderer().ToHtml(markdown);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("img, image, svg, picture, video, audio, iframe, object, embed, link, [src], [srcset], [style], [background], [poster]"));
    }

    [Fact]
    public void ToHtml_ImageWithAScriptUrl_ShowsTheUrlButOffersNoLink()
    {
        var html = new MarkdownRenderer().ToHtml("![x](javascript:alert(1))");

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("javascript:alert(1)", document.QuerySelector(".image-placeholder-url")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("a"));
    }

    [Fact]
    public void ToHtml_ImageInsideALink_KeepsTheOuterLinkAndNestsNoSecondOne()
    {
        var html = new MarkdownRenderer().ToHtml("[![badge](https://tracker.example/badge.svg)](https://example.org/project)");

        var document = new HtmlParser().ParseDocument(html);
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://example.org/project", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel") ?? "", StringComparison.Ordinal);
        Assert.NotNull(link.QuerySelector("[data-image-placeholder]"));
    }

    [Fact]
    public void MaxMarkdownLength_NotPositive_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownRenderer { MaxMarkdownLength = 0 });

    private static void AssertPlainText(string markdown, MarkdownHtml result)
    {
        Assert.True(result.IsPlainText);
        var document = new HtmlParser().ParseDocument(result.Html);
        Assert.Equal(markdown, document.QuerySelector("pre.markdown-plain")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("blockquote, ul, em, strong, a, [data-image-placeholder]"));
        Assert.StartsWith("Shown as plain text: ", document.QuerySelector(".markdown-note")?.TextContent, StringComparison.Ordinal);
    }
}
