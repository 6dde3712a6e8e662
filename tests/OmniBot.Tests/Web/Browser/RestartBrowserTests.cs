using Microsoft.Playwright;
using OmniBot.Tests.Server;
using static Microsoft.Playwright.Assertions;
using static OmniBot.Tests.Web.Browser.ChatPageActions;

namespace OmniBot.Tests.Web.Browser;

/// <summary>A server stopped while replying, then started again on the same data folder.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RestartBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Restart_WhileAReplyStreams_RestoresTheConversationWithThePartialReplyMarkedStopped()
    {
        var home = Directory.CreateTempSubdirectory("omnibot-restart-").FullName;
        try
        {
            string address;
            string seenBeforeStop;
            await using (var first = await OmniBotTestServer.StartAsync(home: home))
            {
                await using var context = await fixture.NewContextAsync(server: first);
                var page = await BrowserFixture.OpenInteractiveAsync(context, "/");
                await SendAndWaitAsync(page, "Before the restart");
                await ApplySettingsAsync(page, maxTokens: 100_000, contextSize: 16_384, jsonSchema: EndlessSchema);
                await SendAsync(page, "Interrupted by the restart");
                await Expect(LastReply(page)).ToHaveAttributeAsync("data-state", "streaming");
                await Expect(LastReply(page).Locator(".markdown")).Not.ToBeEmptyAsync();
                address = new Uri(page.Url).AbsolutePath;
                seenBeforeStop = (await LastReply(page).Locator(".markdown").InnerTextAsync()).Trim();

                // Stopped with the page still connected: the server must save the reply before it goes.
                await first.App.StopAsync();
            }

            await using var second = await OmniBotTestServer.StartAsync(home: home);
            await using var reopened = await fixture.NewContextAsync(server: second);
            var restored = await BrowserFixture.OpenInteractiveAsync(reopened, address);

            await Expect(restored.Locator("article[data-role='user'] .user-text")).ToHaveTextAsync(["Before the restart", "Interrupted by the restart"]);
            var replies = restored.Locator("article[data-role='assistant']");
            await Expect(replies).ToHaveCountAsync(2);
            await Expect(replies.First).ToHaveAttributeAsync("data-state", "complete");
            await Expect(replies.Last).ToHaveAttributeAsync("data-state", "partial");
            await Expect(replies.Last.Locator("[data-stopped]")).ToBeVisibleAsync();
            await Expect(replies.Last.Locator(".markdown")).Not.ToBeEmptyAsync();
            await Expect(restored.GetByRole(AriaRole.Link, new() { Name = "Before the restart" })).ToBeVisibleAsync();
            Assert.StartsWith(seenBeforeStop, (await replies.Last.Locator(".markdown").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
