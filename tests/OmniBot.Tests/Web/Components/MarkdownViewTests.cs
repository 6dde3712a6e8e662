using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Web.Components.Chat;
using OmniBot.Web.Markdown;

namespace OmniBot.Tests.Web.Components;

public sealed class MarkdownViewTests : BunitContext
{
    private static readonly string TooDeep = new('>', 200);

    public MarkdownViewTests() => Services.AddSingleton<MarkdownRenderer>();

    [Fact]
    public void Render_ReplyNestedTooDeeply_ShowsItAsPlainTextWithANote()
    {
        var cut = Render<MarkdownView>(parameters => parameters.Add(p => p.Text, TooDeep + " deep"));

        Assert.Equal(TooDeep + " deep", cut.Find("pre.markdown-plain").TextContent);
        Assert.Contains("nested too deeply", cut.Find(".markdown-note").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("blockquote"));
    }

    [Fact]
    public void Render_StreamedReplyThatStartedTooDeep_StaysPlainTextAndShowsEachNewPiece()
    {
        var cut = Render<MarkdownView>(parameters => parameters.Add(p => p.Text, TooDeep));

        cut.Render(parameters => parameters.Add(p => p.Text, TooDeep + " and **more**"));

        Assert.Equal(TooDeep + " and **more**", cut.Find("pre.markdown-plain").TextContent);
        Assert.Empty(cut.FindAll("strong"));
    }

    [Fact]
    public void Render_ADifferentReplyAfterAPlainOne_IsFormattedAgain()
    {
        var cut = Render<MarkdownView>(parameters => parameters.Add(p => p.Text, TooDeep));

        cut.Render(parameters => parameters.Add(p => p.Text, "> one level, **bold**"));

        Assert.Empty(cut.FindAll("pre.markdown-plain"));
        Assert.Equal("bold", cut.Find("blockquote strong").TextContent);
    }
}
