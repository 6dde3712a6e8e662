using Microsoft.Extensions.AI;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>
/// Microsoft.Extensions.AI's OpenAI client with automatic function invocation over the server: the function runs
/// on the client, its result (or its error) goes back to the model, and a final answer arrives.
/// </summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class ExtensionsAIClientTests(ServerFixture fixture)
{
    private readonly IChatClient _client = new ChatClientBuilder(
            OpenAITestClients.Create(fixture.Server).GetChatClient(OmniBotTestServer.Qwen).AsIChatClient())
        .UseFunctionInvocation(configure: invoker => invoker.MaximumIterationsPerRequest = 3)
        .Build();

    [Fact]
    public async Task GetResponse_RequiredFunction_RunsItAndAnswersWithItsResult()
    {
        var calls = new List<int>();
        var forecast = AIFunctionFactory.Create(
            (int days) =>
            {
                calls.Add(days);
                return $"sunny for {days} days";
            },
            "forecast",
            "Weather forecast for the next days");

        var response = await _client.GetResponseAsync("Weather this week?", Options(forecast));

        Assert.Single(calls);
        var contents = response.Messages.SelectMany(message => message.Contents).ToList();
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        var result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal($"sunny for {calls[0]} days", result.Result?.ToString());
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
        Assert.NotEqual(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.NotNull(response.Usage);
    }

    [Fact]
    public async Task GetResponse_FunctionThrows_TheErrorGoesBackAndTheRequestCompletes()
    {
        var attempts = 0;
        var broken = AIFunctionFactory.Create(
            (int days) =>
            {
                attempts++;
                throw new InvalidOperationException($"station offline for {days} days");
            },
            "forecast",
            "Weather forecast for the next days");

        var response = await _client.GetResponseAsync("Weather this week?", Options(broken));

        Assert.Equal(1, attempts);
        var result = Assert.Single(response.Messages.SelectMany(message => message.Contents).OfType<FunctionResultContent>());
        Assert.IsType<InvalidOperationException>(result.Exception);
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
        Assert.NotEqual(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    private static ChatOptions Options(AIFunction function) => new()
    {
        Tools = [function],
        ToolMode = ChatToolMode.RequireAny,
        Temperature = 0,
        MaxOutputTokens = 120,
    };
}
