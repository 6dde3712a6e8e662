using Bunit;
using OmniBot.Models.Store;
using OmniBot.Web.Components.Library;

namespace OmniBot.Tests.Web.Library;

public sealed class TagActionsTests
{
    private static readonly ModelRef Source = ModelRef.Parse("tiny:v1");

    [Fact]
    public async Task Copy_ToAnInvalidName_ShowsTheValidationMessageAndCopiesNothing()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var changes = new List<string>();
        var actions = context.Render<TagActions>(parameters => parameters.Add(p => p.Model, Source).Add(p => p.OnChanged, changes.Add));

        actions.Find("button[aria-label='Copy tiny:v1']").Click();
        actions.Find("input#copy-tiny-v1").Change("Bad Name!");
        actions.Find("form").Submit();

        var message = actions.Find("[role=alert]").TextContent;
        Assert.Contains("is not a valid model name", message, StringComparison.Ordinal);
        Assert.Single(context.Store.List());
        Assert.Empty(changes);
    }

    [Fact]
    public async Task Copy_ToAnExistingTag_SaysSoAndKeepsBoth()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        await context.ImportAsync("tiny:v2", OmniBot.TestModels.TestArchitecture.Qwen2);
        var actions = context.Render<TagActions>(parameters => parameters.Add(p => p.Model, Source));

        actions.Find("button[aria-label='Copy tiny:v1']").Click();
        actions.Find("input#copy-tiny-v1").Change("tiny:v2");
        actions.Find("form").Submit();

        Assert.Contains("'tiny:v2' already exists", actions.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("qwen2", context.Store.Get(ModelRef.Parse("tiny:v2")).Facts.Architecture);
    }

    [Fact]
    public async Task Copy_ToANewName_AddsTheTagAndReportsIt()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var changes = new List<string>();
        var actions = context.Render<TagActions>(parameters => parameters.Add(p => p.Model, Source).Add(p => p.OnChanged, changes.Add));

        actions.Find("button[aria-label='Copy tiny:v1']").Click();
        actions.Find("input#copy-tiny-v1").Change("other:main");
        actions.Find("form").Submit();

        Assert.NotNull(context.Store.Find(ModelRef.Parse("other:main")));
        Assert.Equal(["Copied tiny:v1 to other:main."], changes);
        Assert.Empty(actions.FindAll("form"));
    }

    [Fact]
    public async Task Delete_KeepThenConfirm_RemovesTheTagOnlyAfterConfirming()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var changes = new List<string>();
        var actions = context.Render<TagActions>(parameters => parameters.Add(p => p.Model, Source).Add(p => p.OnChanged, changes.Add));

        actions.Find("button[aria-label='Delete tiny:v1']").Click();
        actions.Find("button[aria-label='Keep tiny:v1']").Click();
        Assert.NotNull(context.Store.Find(Source));

        actions.Find("button[aria-label='Delete tiny:v1']").Click();
        actions.Find("button[aria-label='Yes, delete tiny:v1']").Click();

        Assert.Null(context.Store.Find(Source));
        Assert.Equal(["Deleted tiny:v1."], changes);
    }

    [Fact]
    public async Task Escape_InTheCopyForm_ClosesItWithoutCopying()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var actions = context.Render<TagActions>(parameters => parameters.Add(p => p.Model, Source));
        actions.Find("button[aria-label='Copy tiny:v1']").Click();

        actions.Find("form").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(actions.FindAll("form"));
        Assert.NotNull(actions.Find("button[aria-label='Copy tiny:v1']"));
        Assert.Single(context.Store.List());
    }
}
