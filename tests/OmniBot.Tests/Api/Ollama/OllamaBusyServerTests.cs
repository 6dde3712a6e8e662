using System.Net;
using System.Text.Json;
using OmniBot.Engine.Inference;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>A model whose one slot is busy and whose queue is full answers 503 with Retry-After, as Ollama's clients expect.</summary>
public sealed class OllamaBusyServerTests
{
    private const string Request = """{"model": "tiny-llama", "messages": [{"role": "user", "content": "Talk"}], "options": {"num_ctx": 4096, "num_predict": -1, "temperature": 0}}""";

    [Fact]
    public async Task Chat_WhenTheQueueIsFull_Answers503WithRetryAfter()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with
        {
            Models = options.Models with { Scheduler = new SchedulerOptions { Slots = 1, QueueCapacity = 1, ContextSize = 512, Threads = 2 } },
        });

        // The first request holds the only slot for thousands of tokens; the second waits in the queue.
        var first = await OllamaHttp.PostAsync(server.Client, "api/chat", Request);
        var reader = new StreamReader(await first.Content.ReadAsStreamAsync());
        Assert.False(JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement.GetProperty("done").GetBoolean());
        var second = OllamaHttp.PostAsync(server.Client, "api/chat", Request.Replace("-1", "8", StringComparison.Ordinal).Replace("}}", "}, \"stream\": false}", StringComparison.Ordinal));
        var counters = server.Models.Loaded.Single(model => model.ContextSize == 4096).Counters!;
        await counters.WhenAsync(current => current.QueueLength == 1).WaitAsync(TimeSpan.FromSeconds(60));

        using var third = await OllamaHttp.PostAsync(server.Client, "api/chat", Request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("1", third.Headers.GetValues("Retry-After").Single());
        Assert.Contains("busy", await OllamaHttp.ErrorAsync(third), StringComparison.Ordinal);

        // Hanging up on the first request frees the slot for the second.
        reader.Dispose();
        first.Dispose();
        using var secondResponse = await second;
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.True((await OllamaHttp.ReadJsonAsync(secondResponse)).GetProperty("done").GetBoolean());
    }
}
