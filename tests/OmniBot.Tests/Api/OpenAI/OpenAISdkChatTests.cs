using System.Text;
using System.Text.Json;
using Json.Schema;
using OmniBot.Tests.Server;
using OpenAI.Chat;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>Chat through the official OpenAI .NET SDK: the client every OpenAI-compatible server must satisfy.</summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class OpenAISdkChatTests(ServerFixture fixture)
{
    private const string WeatherSchema = """
        {
          "type": "object",
          "properties": {
            "city": { "type": "string", "maxLength": 12 },
            "days": { "type": "integer", "minimum": 1, "maximum": 7 },
            "unit": { "type": "string", "enum": ["celsius", "fahrenheit"] }
          },
          "required": ["city", "days", "unit"],
          "additionalProperties": false
        }
        """;

    private readonly ChatClient _chat = OpenAITestClients.Create(fixture.Server).GetChatClient(OmniBotTestServer.Qwen);

    [Fact]
    public async Task CompleteChat_StreamingAndNonStreaming_GiveTheSameGreedyText()
    {
        ChatMessage[] messages = [new SystemChatMessage("You are terse."), new UserChatMessage("Name three colours, streaming check.")];
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 16 };

        ChatCompletion whole = await _chat.CompleteChatAsync(messages, options);
        var streamed = new StringBuilder();
        ChatTokenUsage? streamedUsage = null;
        ChatFinishReason? streamedFinish = null;
        await foreach (var update in _chat.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }

            streamedUsage ??= update.Usage;
            streamedFinish ??= update.FinishReason;
        }

        Assert.NotEmpty(whole.Content[0].Text);
        Assert.Equal(whole.Content[0].Text, streamed.ToString());
        Assert.Equal(whole.FinishReason, streamedFinish);
        Assert.NotNull(streamedUsage);
        Assert.Equal(whole.Usage.OutputTokenCount, streamedUsage.OutputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, streamedUsage.InputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_SecondIdenticalRequest_ReportsItsPromptAsCached()
    {
        ChatMessage[] messages = [new UserChatMessage("Tell me about caches: a prompt only this test sends, long enough to matter.")];
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 8 };

        ChatCompletion first = await _chat.CompleteChatAsync(messages, options);
        ChatCompletion second = await _chat.CompleteChatAsync(messages, options);

        Assert.Equal(first.Usage.InputTokenCount + first.Usage.OutputTokenCount, first.Usage.TotalTokenCount);
        Assert.Equal(first.Usage.InputTokenCount, second.Usage.InputTokenCount);
        Assert.True(first.Usage.OutputTokenCount is > 0 and <= 8, $"{first.Usage.OutputTokenCount} completion tokens");
        var cached = second.Usage.InputTokenDetails.CachedTokenCount;
        Assert.True(cached > first.Usage.InputTokenDetails.CachedTokenCount, $"cached {cached}, first {first.Usage.InputTokenDetails.CachedTokenCount}");
        Assert.True(cached >= second.Usage.InputTokenCount - 1, $"{cached} of {second.Usage.InputTokenCount} prompt tokens cached");
        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
    }

    [Fact]
    public async Task CompleteChat_RequiredTool_ReturnsACallWhoseArgumentsValidate()
    {
        var options = WeatherToolOptions(ChatToolChoice.CreateRequiredChoice(), withOtherTool: false);

        ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage("Weather in Oslo for three days?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        AssertValid(WeatherSchema, call.FunctionArguments.ToString());
    }

    [Fact]
    public async Task CompleteChatStreaming_NamedTool_DeltasReassembleIntoAValidCall()
    {
        var options = WeatherToolOptions(ChatToolChoice.CreateFunctionChoice("get_weather"), withOtherTool: true);
        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;

        await foreach (var update in _chat.CompleteChatStreamingAsync([new UserChatMessage("Forecast for Bergen, please.")], options))
        {
            foreach (var delta in update.ToolCallUpdates)
            {
                if (delta.ToolCallId is not null)
                {
                    ids[delta.Index] = delta.ToolCallId;
                }

                if (delta.FunctionName is not null)
                {
                    names[delta.Index] = delta.FunctionName;
                }

                (arguments.TryGetValue(delta.Index, out var text) ? text : arguments[delta.Index] = new StringBuilder())
                    .Append(delta.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal([0], ids.Keys);
        Assert.Equal("get_weather", names[0]);
        AssertValid(WeatherSchema, arguments[0].ToString());
    }

    [Fact]
    public async Task CompleteChat_StrictJsonSchema_ReplyValidatesAgainstTheSchema()
    {
        const string Schema = """
            {
              "type": "object",
              "properties": {
                "title": { "type": "string", "maxLength": 16 },
                "tags": { "type": "array", "items": { "type": "string", "maxLength": 8 }, "maxItems": 3 },
                "score": { "type": "integer", "minimum": 0, "maximum": 10 }
              },
              "required": ["title", "tags", "score"],
              "additionalProperties": false
            }
            """;
        var options = new ChatCompletionOptions
        {
            Temperature = 0,
            MaxOutputTokenCount = 120,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("review", BinaryData.FromString(Schema), jsonSchemaIsStrict: true),
        };

        ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage("Review a film as JSON.")], options);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        AssertValid(Schema, completion.Content[0].Text);
    }

    private static ChatCompletionOptions WeatherToolOptions(ChatToolChoice choice, bool withOtherTool)
    {
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 120, ToolChoice = choice };
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather forecast for a city", BinaryData.FromString(WeatherSchema), functionSchemaIsStrict: true));
        if (withOtherTool)
        {
            options.Tools.Add(ChatTool.CreateFunctionTool("get_time", "Current time", BinaryData.FromString("""{"type":"object","properties":{}}""")));
        }

        return options;
    }

    private static void AssertValid(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = JsonSchema.FromText(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() })
            .Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
        Assert.True(result.IsValid, json);
    }
}
