using Microsoft.Extensions.AI;
using OmniBot.Web.Backends;
using OmniBot.Web.Chat;

namespace OmniBot.Tests.Web.Chat;

public sealed class ChatOptionsFactoryTests
{
    private static readonly IReadOnlyList<AITool> Tools = new DemoTools(TimeProvider.System).All;

    [Fact]
    public void Create_AllSettings_MapToChatOptionsAndLlamaCppNames()
    {
        var settings = new ConversationSettings { Temperature = 0.2f, TopP = 0.8f, TopK = 20, MinP = 0.1f, MaxTokens = 99, Seed = 5, ContextSize = 4096 };

        var options = ChatOptionsFactory.Create(settings, BackendKind.LlamaCpp, "m:latest", Tools);

        Assert.Equal(("m:latest", 0.2f, 0.8f, 20, 99, 5L), (options.ModelId, options.Temperature, options.TopP, options.TopK, options.MaxOutputTokens, options.Seed));
        Assert.Equal(0.1f, options.AdditionalProperties?["min_p"]);
        Assert.False(options.AdditionalProperties!.ContainsKey("num_ctx"));
        Assert.Null(options.Tools);
        Assert.Null(options.ResponseFormat);
    }

    [Fact]
    public void Create_ContextSizeForOllama_IsSentAsNumCtx()
    {
        var options = ChatOptionsFactory.Create(new ConversationSettings { ContextSize = 8192 }, BackendKind.Ollama, "llama3", null);

        Assert.Equal(8192, options.AdditionalProperties?["num_ctx"]);
    }

    [Fact]
    public void Create_ToolsOn_OffersTheBuiltInTools()
    {
        var options = ChatOptionsFactory.Create(new ConversationSettings { ToolsEnabled = true }, BackendKind.OpenAI, "gpt", Tools);

        Assert.Equal(["get_current_time", "calculate"], options.Tools!.Select(tool => tool.Name));
        Assert.Equal(ChatToolMode.Auto, options.ToolMode);
        Assert.Null(options.AdditionalProperties);
    }

    [Fact]
    public void Create_JsonAndSchemaFormats_SetTheResponseFormat()
    {
        var json = ChatOptionsFactory.Create(new ConversationSettings { Format = ReplyFormat.Json }, BackendKind.LlamaCpp, "m");
        var schema = ChatOptionsFactory.Create(new ConversationSettings { Format = ReplyFormat.JsonSchema, JsonSchema = "{\"type\":\"integer\"}" }, BackendKind.LlamaCpp, "m");

        Assert.Same(ChatResponseFormat.Json, json.ResponseFormat);
        var format = Assert.IsType<ChatResponseFormatJson>(schema.ResponseFormat);
        Assert.Equal("integer", format.Schema?.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(null, "the schema is empty")]
    [InlineData("{\"type\":", "not valid JSON")]
    public void Create_BadSchema_ThrowsArgumentExceptionSayingWhatToFix(string? schema, string because)
    {
        var error = Assert.Throws<ArgumentException>(() => ChatOptionsFactory.Create(new ConversationSettings { Format = ReplyFormat.JsonSchema, JsonSchema = schema }, BackendKind.LlamaCpp, "m"));
        Assert.Contains(because, error.Message, StringComparison.Ordinal);
    }
}
