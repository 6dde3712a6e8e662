using Bunit;
using OmniBot.Web.Chat;
using OmniBot.Web.Components.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Components;

public sealed class ConversationListTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<string> _searches = [];
    private readonly List<(string Id, string Title)> _renames = [];
    private readonly List<string> _deletes = [];

    [Fact]
    public void Render_Conversations_LinksEachAndMarksTheOpenOne()
    {
        var cut = RenderList([Conversation("a", "Alpha"), Conversation("b", "Beta")], currentId: "b");

        var links = cut.FindAll("a");
        Assert.Equal(["c/a", "c/b"], links.Select(link => link.GetAttribute("href")));
        Assert.Equal("page", links[1].GetAttribute("aria-current"));
        Assert.Null(links[0].GetAttribute("aria-current"));
    }

    [Fact]
    public void Search_Typing_PassesTheTextUpAndAnEmptyResultSaysNothingMatches()
    {
        var cut = RenderList([], search: "zebra");

        cut.Find("input[type=search]").Input("zebra crossing");

        Assert.Equal(["zebra crossing"], _searches);
        Assert.Equal("No conversation matches.", cut.Find("p").TextContent);
        Assert.Equal("Search conversations", cut.Find("input[type=search]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Rename_NewTitle_IsPassedUp()
    {
        var cut = RenderList([Conversation("a", "Alpha")]);

        cut.Find("button[aria-label='Rename Alpha']").Click();
        cut.Find("input[aria-label='New title']").Input("Alpha and Omega");
        cut.Find("form.rename").Submit();

        Assert.Equal([("a", "Alpha and Omega")], _renames);
    }

    [Fact]
    public void Delete_AsksFirstAndOnlyTheConfirmationDeletes()
    {
        var cut = RenderList([Conversation("a", "Alpha")]);

        cut.Find("button[aria-label='Delete Alpha']").Click();
        Assert.Empty(_deletes);
        Assert.Contains("Delete “Alpha”?", cut.Markup, StringComparison.Ordinal);
        cut.FindAll("button").Single(button => button.TextContent == "Delete").Click();

        Assert.Equal(["a"], _deletes);
    }

    private IRenderedComponent<ConversationList> RenderList(IReadOnlyList<ConversationRecord> conversations, string? currentId = null, string search = "") =>
        Render<ConversationList>(parameters => parameters
            .Add(p => p.Conversations, conversations)
            .Add(p => p.CurrentId, currentId)
            .Add(p => p.Search, search)
            .Add(p => p.OnSearch, text => _searches.Add(text))
            .Add(p => p.OnRename, rename => _renames.Add(rename))
            .Add(p => p.OnDelete, id => _deletes.Add(id)));

    private static ConversationRecord Conversation(string id, string title) =>
        new(id, title, Now, Now, BackendRecord.BuiltInId, "m", new ConversationSettings());
}
