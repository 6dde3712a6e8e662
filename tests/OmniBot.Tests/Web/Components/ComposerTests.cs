using Bunit;
using Microsoft.AspNetCore.Components.Web;
using OmniBot.Web.Components.Chat;

namespace OmniBot.Tests.Web.Components;

public sealed class ComposerTests : BunitContext
{
    private readonly List<string> _sent = [];
    private int _stops;

    [Fact]
    public void Enter_WithText_SendsItAndClearsTheBox()
    {
        var cut = RenderComposer();
        var box = cut.Find("textarea");

        box.Input("Hello there");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["Hello there"], _sent);
        Assert.Equal("", cut.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public void ShiftEnter_DoesNotSend()
    {
        var cut = RenderComposer();
        var box = cut.Find("textarea");

        box.Input("line one");
        box.KeyDown(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });

        Assert.Empty(_sent);
    }

    [Fact]
    public void Enter_OnlyWhitespaceOrWhileGenerating_DoesNotSend()
    {
        var idle = RenderComposer();
        idle.Find("textarea").Input("   ");
        idle.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        var busy = RenderComposer(generating: true);
        busy.Find("textarea").Input("queued");
        busy.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_sent);
    }

    [Fact]
    public void Escape_WhileGenerating_StopsAndTheStopButtonReplacesSend()
    {
        var cut = RenderComposer(generating: true);

        cut.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        cut.Find("button[aria-label='Stop generating']").Click();

        Assert.Equal(2, _stops);
        Assert.Empty(cut.FindAll("button[aria-label='Send message']"));
    }

    [Fact]
    public void SendButton_IsDisabledUntilThereIsText()
    {
        var cut = RenderComposer();
        Assert.True(cut.Find("button[aria-label='Send message']").HasAttribute("disabled"));

        cut.Find("textarea").Input("hi");
        Assert.False(cut.Find("button[aria-label='Send message']").HasAttribute("disabled"));
        cut.Find("form").Submit();

        Assert.Equal(["hi"], _sent);
        Assert.Equal("Message", cut.Find("textarea").GetAttribute("aria-label"));
    }

    private IRenderedComponent<Composer> RenderComposer(bool generating = false) =>
        Render<Composer>(parameters => parameters
            .Add(p => p.IsGenerating, generating)
            .Add(p => p.OnSend, text => _sent.Add(text))
            .Add(p => p.OnStop, () => _stops++));
}
