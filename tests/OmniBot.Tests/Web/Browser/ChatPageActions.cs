using Microsoft.Playwright;

namespace OmniBot.Tests.Web.Browser;

/// <summary>What a user does on the chat page, as the browser tests drive it (by accessible names, as a screen reader would).</summary>
internal static class ChatPageActions
{
    public static ILocator Composer(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    public static ILocator LastReply(IPage page) => page.Locator("article[data-role='assistant']").Last;

    public static ILocator LastUserMessage(IPage page) => page.Locator("article[data-role='user'] .user-text").Last;

    /// <summary>
    /// A reply that cannot end before its context is full: a JSON string of at least 60 000 characters, in 16 384 tokens
    /// of context. The tiny models write about 100 to 1000 tokens a second, so it streams for many seconds.
    /// </summary>
    public const string EndlessSchema = "{\"type\":\"string\",\"minLength\":60000}";

    /// <summary>Greedy sampling and a reply limit (and a context size and JSON schema) set through the settings drawer.</summary>
    public static async Task ApplySettingsAsync(IPage page, int maxTokens, int? contextSize = null, string? jsonSchema = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Conversation settings" }).ClickAsync();
        var drawer = page.GetByRole(AriaRole.Dialog, new() { Name = "Conversation settings" });
        await FillAsync(drawer.GetByLabel("Temperature"), "0");
        await FillAsync(drawer.GetByLabel("Max tokens"), maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (contextSize is { } size)
        {
            await FillAsync(drawer.GetByLabel("Context size"), size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (jsonSchema is not null)
        {
            await drawer.GetByLabel("Reply format").SelectOptionAsync("JsonSchema");
            await FillAsync(drawer.GetByLabel("JSON schema"), jsonSchema);
        }

        await drawer.GetByRole(AriaRole.Button, new() { Name = "Close settings" }).ClickAsync();
        await Assertions.Expect(drawer).ToHaveCountAsync(0);
    }

    /// <summary>Types a message and presses Enter.</summary>
    public static async Task SendAsync(IPage page, string text)
    {
        await Composer(page).FillAsync(text);
        await Composer(page).PressAsync("Enter");
        await Assertions.Expect(LastUserMessage(page)).ToHaveTextAsync(text);
    }

    /// <summary>Sends <paramref name="text"/> and waits until the reply has finished.</summary>
    public static async Task<ILocator> SendAndWaitAsync(IPage page, string text)
    {
        await SendAsync(page, text);
        var reply = LastReply(page);
        await Assertions.Expect(reply).ToHaveAttributeAsync("data-state", "complete");
        return reply;
    }

    private static async Task FillAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        // Number fields are bound on change, which the browser fires when the field loses focus.
        await input.PressAsync("Tab");
    }
}
