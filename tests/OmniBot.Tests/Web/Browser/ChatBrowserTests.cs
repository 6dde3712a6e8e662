using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OmniBot.Tests.Server;
using static Microsoft.Playwright.Assertions;
using static OmniBot.Tests.Web.Browser.ChatPageActions;

namespace OmniBot.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class ChatBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Send_EnterInTheComposer_StreamsAReplyWithStatsAndGivesTheChatAnAddress()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 12);

        var reply = await SendAndWaitAsync(page, "Hello from the send test");

        await Expect(reply.Locator(".markdown")).Not.ToBeEmptyAsync();
        await Expect(reply.Locator(".message-stats")).ToContainTextAsync(new Regex(@"\d+ tokens · [\d.]+ tok/s · first token \d+ ms"));
        await Expect(page).ToHaveURLAsync(ConversationAddress());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello from the send test" })).ToBeVisibleAsync();
        await Expect(Composer(page)).ToHaveValueAsync("");
        await PageScreenshots.SaveAsync(page, "chat");
    }

    [Fact]
    public async Task Stop_WhileStreaming_KeepsThePartialReplyMarkedStoppedAcrossAReload()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 100_000, contextSize: 16_384, jsonSchema: EndlessSchema);

        await SendAsync(page, "Tell me a very long story (stop test)");
        var reply = LastReply(page);
        await Expect(reply).ToHaveAttributeAsync("data-state", "streaming");
        await Expect(reply.Locator(".markdown")).Not.ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop generating" }).ClickAsync();

        await Expect(reply).ToHaveAttributeAsync("data-state", "partial");
        await Expect(reply.Locator("[data-stopped]")).ToBeVisibleAsync();
        var partial = await reply.Locator(".markdown").InnerTextAsync();
        Assert.NotEmpty(partial.Trim());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        await Expect(LastReply(page)).ToHaveAttributeAsync("data-state", "partial");
        await Expect(LastReply(page).Locator("[data-stopped]")).ToBeVisibleAsync();
        Assert.StartsWith(partial.Trim()[..Math.Min(40, partial.Trim().Length)], (await LastReply(page).Locator(".markdown").InnerTextAsync()).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelSelector_SwitchingModels_TheNextRepliesComeFromTheChosenModel()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 8);
        var models = page.GetByRole(AriaRole.Combobox, new() { Name = "Model" });
        await Expect(models.Locator("option")).ToContainTextAsync([$"{OmniBotTestServer.Llama}:latest", $"{OmniBotTestServer.Qwen}:latest"]);

        await models.SelectOptionAsync($"{OmniBotTestServer.Qwen}:latest");
        await Expect(page.Locator(".model-facts")).ToContainTextAsync("Q8_0");
        var first = await SendAndWaitAsync(page, "Which model answers? (switch test)");
        await Expect(first.Locator(".message-author")).ToHaveTextAsync($"{OmniBotTestServer.Qwen}:latest");

        await models.SelectOptionAsync($"{OmniBotTestServer.Llama}:latest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate this reply" }).ClickAsync();

        await Expect(LastReply(page).Locator(".message-author")).ToHaveTextAsync($"{OmniBotTestServer.Llama}:latest");
        await Expect(LastReply(page)).ToHaveAttributeAsync("data-state", "complete");
        await Expect(page.Locator("article[data-role='assistant']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Reload_AfterAChat_TheConversationIsListedSearchableAndOpens()
    {
        var marker = "walrus-" + Guid.NewGuid().ToString("N")[..8];
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 8);
        await SendAndWaitAsync(page, $"Remember the {marker}");
        var address = page.Url;

        await page.ReloadAsync();
        await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        await Expect(LastUserMessage(page)).ToHaveTextAsync($"Remember the {marker}");

        var fresh = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await fresh.GetByRole(AriaRole.Searchbox, new() { Name = "Search conversations" }).FillAsync(marker);
        var link = fresh.Locator(".conversation-list a");
        await Expect(link).ToHaveTextAsync([$"Remember the {marker}"]);
        await link.ClickAsync();

        await Expect(fresh).ToHaveURLAsync(address);
        await Expect(LastUserMessage(fresh)).ToHaveTextAsync($"Remember the {marker}");
    }

    [Fact]
    public async Task EditAndResend_AnEarlierQuestion_ReplacesItAndItsReply()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 8);
        await SendAndWaitAsync(page, "First version of the question");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit this message and send it again" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" }).FillAsync("Second version of the question");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and send" }).ClickAsync();

        await Expect(page.Locator("article[data-role='user'] .user-text")).ToHaveTextAsync(["Second version of the question"]);
        await Expect(page.Locator("article[data-role='assistant']")).ToHaveCountAsync(1);
        await Expect(LastReply(page)).ToHaveAttributeAsync("data-state", "complete");
    }

    [Fact]
    public async Task ConversationList_RenameThenDelete_UpdatesTheList()
    {
        var marker = "rename-" + Guid.NewGuid().ToString("N")[..8];
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 4);
        await SendAndWaitAsync(page, $"Conversation {marker}");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Rename Conversation {marker}" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "New title" }).FillAsync($"Renamed {marker}");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "New title" }).PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Renamed {marker}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Renamed {marker}" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete Renamed {marker}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Renamed {marker}" })).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("article")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PhoneWidth_ComposerFitsAndConversationsOpenFromTheMenu()
    {
        await using var context = await fixture.NewContextAsync(new ViewportSize { Width = 390, Height = 844 });
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 8);
        await SendAndWaitAsync(page, "Hello from a phone");

        await Expect(Composer(page)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToBeInViewportAsync();
        Assert.False(await PageScreenshots.OverflowsSidewaysAsync(page), "The page scrolls sideways at 390 px.");
        var navigationRows = await page.EvaluateAsync<int>("() => new Set([...document.querySelectorAll('.topbar nav a')].map(a => Math.round(a.getBoundingClientRect().top))).size");
        Assert.Equal(1, navigationRows);
        await Expect(page.Locator(".chat-sidebar")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide conversations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search conversations" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Escape_WhileStreaming_StopsTheReply()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 100_000, contextSize: 16_384, jsonSchema: EndlessSchema);
        await SendAsync(page, "Another long story (escape test)");
        await Expect(LastReply(page).Locator(".markdown")).Not.ToBeEmptyAsync();

        await Composer(page).PressAsync("Escape");

        await Expect(LastReply(page)).ToHaveAttributeAsync("data-state", "partial");
    }

    [Fact]
    public async Task Send_PastedTextLongerThanTheContext_ShowsTheErrorInTheChatAndThePageStaysLive()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await ApplySettingsAsync(page, maxTokens: 8);
        var document = string.Join(' ', Enumerable.Repeat("pasted", 20_000));

        await Composer(page).FillAsync(document);
        await Composer(page).PressAsync("Enter");

        await Expect(LastReply(page)).ToHaveAttributeAsync("data-state", "error");
        await Expect(LastReply(page).GetByRole(AriaRole.Alert)).ToContainTextAsync("Raise the context size in the settings");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await SendAndWaitAsync(page, "Short question after the error");
    }

    [GeneratedRegex("/c/[0-9a-f]{32}$")]
    private static partial Regex ConversationAddress();
}
