using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Web.Components.Chat;
using OmniBot.Web.Markdown;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Components;

public sealed class ChatMessageViewTests : BunitContext
{
    public ChatMessageViewTests() => Services.AddSingleton<MarkdownRenderer>();

    [Fact]
    public void Render_ReplyWithScriptTagsAndUnsafeLinks_ShowsThemAsTextAndNeutralisesTheLinks()
    {
        var cut = Render<ChatMessageView>(parameters => parameters.Add(p => p.Message, Reply("""
            Hello <script>alert('x')</script> **bold** <img src=x onerror=alert(1)>

            [click](javascript:alert(1)) [safe](https://example.org/a) <java&#x09;script:alert(2)>
            """)));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("<script>alert('x')</script>", cut.Find(".markdown").TextContent, StringComparison.Ordinal);
        Assert.Equal("bold", cut.Find(".markdown strong").TextContent);
        var links = cut.FindAll(".markdown a").Select(link => link.GetAttribute("href")).ToList();
        Assert.Contains("https://example.org/a", links);
        Assert.DoesNotContain(links, href => href?.Contains("script", StringComparison.OrdinalIgnoreCase) == true);
        Assert.All(cut.FindAll(".markdown a"), link => Assert.Contains("noopener", link.GetAttribute("rel") ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_FencedCode_HasACopyButtonBesideTheCode()
    {
        var cut = Render<ChatMessageView>(parameters => parameters.Add(p => p.Message, Reply("Try this:\n\n```csharp\nConsole.WriteLine(\"<hi>\");\n```")));

        var block = cut.Find(".code-block");
        var button = block.QuerySelector("button[data-copy-code]");
        Assert.NotNull(button);
        Assert.Equal("Copy code", button.GetAttribute("aria-label"));
        Assert.Equal("Console.WriteLine(\"<hi>\");\n", block.QuerySelector("pre code.language-csharp")?.TextContent);
    }

    [Fact]
    public void Render_ReplyWithReasoningToolsAndStats_ShowsReasoningCollapsedToolCallsAndStats()
    {
        var message = Reply("The answer is 5.") with
        {
            Reasoning = "2 plus 3",
            ToolCalls = [new ToolCallRecord("call_1", "calculate", "{\"expression\":\"2+3\"}", "5")],
            Stats = new MessageStats { OutputTokens = 12, TokensPerSecond = 40.26, TimeToFirstTokenMs = 87, CachedInputTokens = 30, InputTokens = 50, DurationMs = 400 },
        };

        var cut = Render<ChatMessageView>(parameters => parameters.Add(p => p.Message, message));

        var reasoning = cut.Find("details.reasoning");
        Assert.False(reasoning.HasAttribute("open"));
        Assert.Contains("2 plus 3", reasoning.TextContent, StringComparison.Ordinal);
        var tool = cut.Find("details.tool-call");
        Assert.Contains("calculate", tool.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["{\"expression\":\"2+3\"}", "5"], tool.QuerySelectorAll("pre").Select(pre => pre.TextContent));
        Assert.Equal("12 tokens · 40.3 tok/s · first token 87 ms · 30 cached · 50 prompt tokens", cut.Find(".message-stats").TextContent);
    }

    [Theory]
    [InlineData(MessageState.Partial, false, "[data-stopped]")]
    [InlineData(MessageState.Error, false, ".message-error")]
    [InlineData(MessageState.Partial, true, ".typing")]
    public void Render_StateOfTheReply_IsShown(MessageState state, bool streaming, string selector)
    {
        var message = Reply("") with { State = state, Error = state == MessageState.Error ? "Cannot reach the backend." : null };

        var cut = Render<ChatMessageView>(parameters => parameters.Add(p => p.Message, message).Add(p => p.IsStreaming, streaming));

        Assert.Single(cut.FindAll(selector));
        Assert.Equal(streaming ? "streaming" : state.ToString().ToLowerInvariant(), cut.Find("article").GetAttribute("data-state"));
    }

    [Fact]
    public void Render_UserMessage_IsPlainTextNotMarkdown()
    {
        var message = new MessageRecord { ConversationId = "c", Role = MessageRole.User, Content = "**not bold** <b>raw</b>" };

        var cut = Render<ChatMessageView>(parameters => parameters.Add(p => p.Message, message));

        Assert.Empty(cut.FindAll("strong, b"));
        Assert.Equal("**not bold** <b>raw</b>", cut.Find(".user-text").TextContent);
    }

    [Fact]
    public void EditAndResend_ChangedText_IsPassedUpWithTheMessageId()
    {
        (long Id, string Text)? resent = null;
        var message = new MessageRecord { Id = 42, ConversationId = "c", Role = MessageRole.User, Content = "first" };
        var cut = Render<ChatMessageView>(parameters => parameters
            .Add(p => p.Message, message)
            .Add(p => p.CanEdit, true)
            .Add(p => p.OnEditAndResend, edit => resent = edit));

        cut.Find("button[aria-label='Edit this message and send it again']").Click();
        cut.Find("textarea[aria-label='Edit message']").Input("second");
        cut.Find("form.message-edit").Submit();

        Assert.Equal((42L, "second"), resent);
        Assert.Empty(cut.FindAll("textarea"));
    }

    private static MessageRecord Reply(string content) =>
        new() { Id = 1, ConversationId = "c", Role = MessageRole.Assistant, Content = content, Model = "tiny-llama:latest" };
}
