using Bunit;
using OmniBot.Web.Backends;
using OmniBot.Web.Chat;
using OmniBot.Web.Components.Chat;

namespace OmniBot.Tests.Web.Components;

public sealed class SettingsDrawerTests : BunitContext
{
    private readonly List<ConversationSettings> _changes = [];

    [Fact]
    public void Render_ExistingSettings_FillTheFields()
    {
        var cut = RenderDrawer(new ConversationSettings { SystemPrompt = "Be brief.", Temperature = 0.7f, TopK = 40, MaxTokens = 256, Seed = 3, ToolsEnabled = true });

        Assert.Equal("Be brief.", cut.Find("#setting-system").GetAttribute("value"));
        Assert.Equal("0.7", cut.Find("#setting-temperature").GetAttribute("value"));
        Assert.Equal("40", cut.Find("#setting-top-k").GetAttribute("value"));
        Assert.Equal("256", cut.Find("#setting-max-tokens").GetAttribute("value"));
        Assert.Equal("3", cut.Find("#setting-seed").GetAttribute("value"));
        Assert.True(cut.Find("#setting-tools").HasAttribute("checked"));
        Assert.Empty(cut.FindAll("#setting-schema"));
    }

    [Fact]
    public void Change_EachField_PassesUpSettingsWithThatValue()
    {
        var cut = RenderDrawer(new ConversationSettings());

        cut.Find("#setting-temperature").Change("0.3");
        cut.Find("#setting-top-p").Change("0.9");
        cut.Find("#setting-min-p").Change("0.05");
        cut.Find("#setting-context").Change("8192");
        cut.Find("#setting-tools").Change(true);
        cut.Find("#setting-system").Change("You are terse.");

        var last = _changes[^1];
        Assert.Equal(6, _changes.Count);
        Assert.Equal((0.3f, 0.9f, 0.05f, 8192, true, "You are terse."), (last.Temperature, last.TopP, last.MinP, last.ContextSize, last.ToolsEnabled, last.SystemPrompt));
    }

    [Fact]
    public void Change_FormatToJsonSchema_ShowsTheSchemaBoxAndPassesTheSchemaUp()
    {
        var cut = RenderDrawer(new ConversationSettings());

        cut.Find("#setting-format").Change(nameof(ReplyFormat.JsonSchema));
        cut.Find("#setting-schema").Change("{\"type\":\"object\"}");

        Assert.Equal((ReplyFormat.JsonSchema, "{\"type\":\"object\"}"), (_changes[^1].Format, _changes[^1].JsonSchema));
    }

    [Fact]
    public void Change_EmptyNumber_MeansTheBackendDefault()
    {
        var cut = RenderDrawer(new ConversationSettings { MaxTokens = 100 });

        cut.Find("#setting-max-tokens").Change("");

        Assert.Null(_changes[^1].MaxTokens);
    }

    [Fact]
    public void Rerender_WithTheSameSettings_KeepsWhatIsBeingTyped()
    {
        var settings = new ConversationSettings { SystemPrompt = "old" };
        var cut = RenderDrawer(settings);
        cut.Find("#setting-system").Change("new");

        cut.Render(parameters => parameters.Add(p => p.Settings, _changes[^1]));

        Assert.Equal("new", cut.Find("#setting-system").GetAttribute("value"));
    }

    private IRenderedComponent<SettingsDrawer> RenderDrawer(ConversationSettings settings) =>
        Render<SettingsDrawer>(parameters => parameters
            .Add(p => p.Settings, settings)
            .Add(p => p.BackendKind, BackendKind.LlamaCpp)
            .Add(p => p.OnChange, changed => _changes.Add(changed)));
}
