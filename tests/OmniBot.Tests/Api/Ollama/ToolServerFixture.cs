using Microsoft.Extensions.AI;
using OmniBot.Engine.Tools;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>
/// A test server whose chat replies are held by a grammar to a call of <see cref="WeatherTool"/> in the generic
/// JSON syntax (the synthetic models' ChatML template has none of its own): the gibberish models then call the
/// tool every time, so the API's tool-call path can be checked end to end.
/// </summary>
public sealed class ToolServerFixture : IAsyncLifetime
{
    private OmniBotTestServer? _server;

    public enum City
    {
        Paris,
        Tokyo,
    }

    public OmniBotTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The tool every reply calls; <paramref name="calls"/> records the cities it is invoked with.</summary>
    public static AIFunction WeatherTool(System.Collections.Concurrent.ConcurrentQueue<City>? calls = null) =>
        AIFunctionFactory.Create(
            (City city) =>
            {
                calls?.Enqueue(city);
                return $"Sunny in {city}";
            },
            "get_weather",
            "The weather in a city now");

    public async Task InitializeAsync()
    {
        var grammar = ToolCallGrammar.Build([WeatherTool()], ToolCallSyntax.GenericJson);
        _server = await OmniBotTestServer.StartAsync(options => options with
        {
            Models = options.Models with { Chat = options.Models.Chat with { DefaultGrammar = grammar } },
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
