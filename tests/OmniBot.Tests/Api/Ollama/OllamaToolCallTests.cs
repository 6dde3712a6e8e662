using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OmniBot.Tests.Server;
using ChatRole = OllamaSharp.Models.Chat.ChatRole;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>Tool calls through the Ollama API: declared in Ollama's shape, returned with parsed arguments, answered by role "tool".</summary>
public sealed class OllamaToolCallTests : IClassFixture<ToolServerFixture>
{
    private readonly OmniBotTestServer _server;

    public OllamaToolCallTests(ToolServerFixture fixture) => _server = fixture.Server;

    private static Tool WeatherDeclaration => new()
    {
        Function = new Function
        {
            Name = "get_weather",
            Description = "The weather in a city now",
            Parameters = new Parameters
            {
                Properties = new Dictionary<string, Property> { ["city"] = new() { Type = "string", Enum = ["Paris", "Tokyo"] } },
                Required = ["city"],
            },
        },
    };

    [Fact]
    public async Task ChatAsync_WithATool_ReturnsTheCallWithParsedArguments()
    {
        var client = new OllamaApiClient(_server.BaseAddress);
        var request = new ChatRequest
        {
            Model = OmniBotTestServer.Qwen,
            Messages = [new(ChatRole.User, "What is the weather in Paris?")],
            Tools = [WeatherDeclaration],
            Options = new RequestOptions { Temperature = 0, NumPredict = 64 },
        };

        var lines = new List<ChatResponseStream>();
        await foreach (var line in client.ChatAsync(request))
        {
            lines.Add(line!);
        }

        var call = Assert.Single(lines.SelectMany(line => line.Message.ToolCalls ?? []));
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.True(call.Function.Arguments!.ContainsKey("city"));
        Assert.True(lines[^1].Done);
    }

    [Fact]
    public async Task ChatEndpoint_ToolCall_HasArgumentsAsAJsonObject()
    {
        var body = """
            {"model": "tiny-llama", "stream": false, "options": {"temperature": 0, "num_predict": 64},
             "messages": [{"role": "user", "content": "Weather in Tokyo?"}],
             "tools": [{"type": "function", "function": {"name": "get_weather", "description": "weather",
                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}]}
            """;

        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", body);

        var answer = await OllamaHttp.ReadJsonAsync(response);
        var call = Assert.Single(answer.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        var function = call.GetProperty("function");
        Assert.Equal("get_weather", function.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, function.GetProperty("arguments").ValueKind);
        Assert.Equal("stop", answer.GetProperty("done_reason").GetString());
    }

    [Fact]
    public async Task ChatEndpoint_ToolResultsInTheConversation_AreAccepted()
    {
        var body = """
            {"model": "tiny-llama", "stream": false, "options": {"temperature": 0, "num_predict": 64},
             "messages": [
               {"role": "user", "content": "Weather in Tokyo?"},
               {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Tokyo"}}}]},
               {"role": "tool", "tool_name": "get_weather", "content": "Rain, 12 degrees"}],
             "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]}
            """;

        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", body);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = await OllamaHttp.ReadJsonAsync(response);
        Assert.True(answer.GetProperty("done").GetBoolean());
        Assert.True(answer.GetProperty("prompt_eval_count").GetInt32() > 20);
    }

    [Fact]
    public async Task OllamaSharpAsChatClient_WithFunctionInvocation_RunsTheToolAndSendsItsResultBack()
    {
        var calls = new ConcurrentQueue<ToolServerFixture.City>();
        using var client = new ChatClientBuilder(new OllamaApiClient(_server.BaseAddress, OmniBotTestServer.Qwen))
            .UseFunctionInvocation(configure: invoker => invoker.MaximumIterationsPerRequest = 2)
            .Build();
        var options = new ChatOptions { Tools = [ToolServerFixture.WeatherTool(calls)], Temperature = 0, MaxOutputTokens = 64 };

        var response = await client.GetResponseAsync([new ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "Weather in Paris?")], options);

        Assert.NotEmpty(calls);
        var result = Assert.IsType<FunctionResultContent>(response.Messages.SelectMany(message => message.Contents).First(content => content is FunctionResultContent));
        Assert.StartsWith("Sunny in ", result.Result?.ToString(), StringComparison.Ordinal);
        Assert.True(response.Messages.Count >= 3, "the call, its result and the model's next turn");
    }
}
