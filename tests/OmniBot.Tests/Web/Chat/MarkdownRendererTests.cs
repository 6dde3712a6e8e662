using OmniBot.Web.Markdown;

namespace OmniBot.Tests.Web.Chat;

public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("https://example.org", true)]
    [InlineData("HTTP://example.org", true)]
    [InlineData("mailto:me@example.org", true)]
    [InlineData("/library", true)]
    [InlineData("#top", true)]
    [InlineData("docs/page?x=a:b", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JaVaScRiPt:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("data:text/html,<script>", false)]
    [InlineData("vbscript:msgbox", false)]
    public void IsSafeUrl_ByScheme(string url, bool safe) => Assert.Equal(safe, MarkdownRenderer.IsSafeUrl(url));

    [Fact]
    public void ToHtml_AttributeSyntax_IsNotInterpreted()
    {
        var html = new MarkdownRenderer().ToHtml("# Title {onclick=alert(1)}\n\n[x](https://example.org){onmouseover=alert(2)}");

        Assert.DoesNotContain("onclick=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onmouseover=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_TablesAndTaskLists_Render()
    {
        var html = new MarkdownRenderer().ToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
    }
}
