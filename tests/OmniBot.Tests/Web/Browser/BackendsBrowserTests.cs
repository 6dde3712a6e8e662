using Microsoft.Playwright;
using OmniBot.Tests.Server;
using OmniBot.Tests.Web.Backends;
using static Microsoft.Playwright.Assertions;
using static OmniBot.Tests.Web.Browser.ChatPageActions;

namespace OmniBot.Tests.Web.Browser;

/// <summary>The backends page and an unreachable backend in the chat; on a server of its own, since it changes the default backend.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BackendsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task UnreachableBackend_ShowsClearMessagesOnTheBackendsPageAndInTheChat()
    {
        await using var server = await OmniBotTestServer.StartAsync();
        await using var context = await fixture.NewContextAsync(server: server);
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/backends");
        var builtIn = page.Locator("li.backend", new() { HasText = "llama.cpp (in-process)" });
        await Expect(builtIn.Locator(".badge")).ToHaveTextAsync("default");
        await builtIn.GetByRole(AriaRole.Button, new() { Name = "Test llama.cpp (in-process)" }).ClickAsync();
        await Expect(builtIn.Locator(".probe")).ToHaveTextAsync("Connected: 2 models.");

        await page.GetByLabel("Kind").SelectOptionAsync("Ollama");
        await page.GetByLabel("Name").FillAsync("Nowhere box");
        // Port 9 (discard) is closed on loopback: the connection is refused at once.
        await page.GetByLabel("URL").FillAsync("http://127.0.0.1:9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add backend" }).ClickAsync();
        var nowhere = page.Locator("li.backend", new() { HasText = "Nowhere box" });
        await Expect(nowhere.Locator(".probe")).ToContainTextAsync("Cannot reach the Ollama backend 'Nowhere box' at http://127.0.0.1:9");
        await nowhere.GetByRole(AriaRole.Button, new() { Name = "Make Nowhere box the default" }).ClickAsync();
        await Expect(nowhere.Locator(".badge")).ToHaveTextAsync("default");
        await PageScreenshots.SaveAsync(page, "backends");

        var chat = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await Expect(chat.GetByRole(AriaRole.Combobox, new() { Name = "Backend" })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^b-"));
        await Expect(chat.Locator(".model-error")).ToContainTextAsync("Cannot reach the Ollama backend 'Nowhere box'");
        await SendAsync(chat, "Is anyone there?");
        await Expect(LastReply(chat)).ToHaveAttributeAsync("data-state", "error");
        await Expect(LastReply(chat).GetByRole(AriaRole.Alert)).ToContainTextAsync("Cannot reach the Ollama backend 'Nowhere box'");

        await chat.GetByRole(AriaRole.Combobox, new() { Name = "Backend" }).SelectOptionAsync(new SelectOptionValue { Label = "llama.cpp (in-process)" });
        await Expect(chat.Locator(".model-facts")).ToContainTextAsync("Q8_0");
        await page.ReloadAsync();
        await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        await page.Locator("li.backend", new() { HasText = "Nowhere box" }).GetByRole(AriaRole.Button, new() { Name = "Remove Nowhere box" }).ClickAsync();
        await Expect(page.Locator("li.backend")).ToHaveCountAsync(1);
        await Expect(builtIn.Locator(".badge")).ToHaveTextAsync("default");
    }

    [Fact]
    public async Task RemoteBackend_ReplyWithCodeAndHtml_RendersSafelyAndCopyPutsTheCodeOnTheClipboard()
    {
        const string reply = "Here is code:\n\n```python\nprint(\"hi <b>\")\n```\n\n<script>window.pwned = true</script> <img src=x onerror=\"window.pwned = true\">";
        await using var remote = await FakeRemoteServer.StartAsync(reply: reply);
        await using var server = await OmniBotTestServer.StartAsync();
        await using var context = await fixture.NewContextAsync(server: server);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/backends");
        await page.GetByLabel("Kind").SelectOptionAsync("OpenAI");
        await page.GetByLabel("Name").FillAsync("Fake vLLM");
        await page.GetByLabel("URL").FillAsync(new Uri(remote.Address, "v1").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add backend" }).ClickAsync();
        await Expect(page.Locator("li.backend", new() { HasText = "Fake vLLM" }).Locator(".probe")).ToHaveTextAsync("Connected: 2 models.");

        var chat = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await chat.GetByRole(AriaRole.Combobox, new() { Name = "Backend" }).SelectOptionAsync(new SelectOptionValue { Label = "Fake vLLM" });
        await Expect(chat.GetByRole(AriaRole.Combobox, new() { Name = "Model" })).ToHaveValueAsync("remote-a");
        var answer = await SendAndWaitAsync(chat, "Show me code");

        await Expect(answer.Locator(".message-author")).ToHaveTextAsync("remote-a");
        await Expect(answer.Locator("pre code.language-python")).ToHaveTextAsync("print(\"hi <b>\")");
        await Expect(answer.Locator(".markdown")).ToContainTextAsync("<script>window.pwned = true</script>");
        await answer.GetByRole(AriaRole.Button, new() { Name = "Copy code" }).ClickAsync();
        await Expect(answer.GetByRole(AriaRole.Button, new() { Name = "Copy code" })).ToHaveTextAsync("Copied");
        Assert.Equal("print(\"hi <b>\")\n", await chat.EvaluateAsync<string>("navigator.clipboard.readText()"));
        Assert.False(await chat.EvaluateAsync<bool>("window.pwned === true"));
    }

    [Fact]
    public async Task AddBackend_WithoutAUrl_ExplainsWhatIsMissing()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/backends");

        await page.GetByLabel("Kind").SelectOptionAsync("OpenAI");
        await page.GetByLabel("Name").FillAsync("No address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add backend" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The URL must be an http:// or https:// address");
        await Expect(page.Locator("li.backend", new() { HasText = "No address" })).ToHaveCountAsync(0);
    }
}
