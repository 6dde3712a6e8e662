using System.Text;
using System.Text.Json.Nodes;
using OmniBot.Models.Store;
using OmniBot.TestModels;
using OmniBot.TestModels.Gguf;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>A reasoning model's thinking comes back as llama.cpp's <c>reasoning_content</c>, apart from the answer.</summary>
public sealed class ReasoningContentTests : IAsyncLifetime
{
    private const string Model = "tiny-think";

    // A template that opens <think> for the reply, as DeepSeek-R1's does.
    private const string ThinkingTemplate =
        "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}" +
        "{% if add_generation_prompt %}<|im_start|>assistant\n<think>\n{% endif %}";

    private OmniBotTestServer? _server;

    private OmniBotTestServer Server => _server!;

    public async Task InitializeAsync()
    {
        _server = await OmniBotTestServer.StartAsync();
        var path = Path.Combine(Server.Home, "tiny-think.gguf");
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Qwen2), GgufTensorType.F32);
        writer.Set("tokenizer.chat_template", GgufMetadataValue.String(ThinkingTemplate));
        writer.WriteTo(path);
        await Server.Store.ImportAsync(path, ModelRef.Parse(Model));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChatCompletion_ThinkingBudget_ReasoningAndAnswerComeApart()
    {
        var completion = await JsonRequests.PostOkAsync(Server.Client, "/v1/chat/completions", Body(stream: false));

        var message = completion.GetProperty("choices")[0].GetProperty("message");
        var reasoning = message.GetProperty("reasoning_content").GetString()!;
        var answer = message.GetProperty("content").GetString()!;
        Assert.NotEmpty(reasoning);
        Assert.NotEmpty(answer);
        Assert.DoesNotContain("</think>", reasoning, StringComparison.Ordinal);
        Assert.DoesNotContain("</think>", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletionStream_ThinkingBudget_StreamsReasoningDeltasThenTheAnswer()
    {
        var whole = (await JsonRequests.PostOkAsync(Server.Client, "/v1/chat/completions", Body(stream: false))).GetProperty("choices")[0].GetProperty("message");

        using var request = JsonRequests.Post("/v1/chat/completions", Body(stream: true));
        using var response = await Server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var deltas = SseEvents.Chunks(await SseEvents.ReadDataAsync(response)).Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta")).ToList();

        var reasoning = new StringBuilder();
        var answer = new StringBuilder();
        foreach (var delta in deltas)
        {
            if (delta.TryGetProperty("reasoning_content", out var thought))
            {
                Assert.True(answer.Length == 0, "reasoning arrived after the answer had started");
                reasoning.Append(thought.GetString());
            }

            if (delta.TryGetProperty("content", out var content))
            {
                answer.Append(content.GetString());
            }
        }

        Assert.Equal(whole.GetProperty("reasoning_content").GetString(), reasoning.ToString());
        Assert.Equal(whole.GetProperty("content").GetString(), answer.ToString());
    }

    private static JsonObject Body(bool stream)
    {
        var body = JsonRequests.Chat(Model, "What is 2+2?", maxTokens: 30);
        body["thinking_budget"] = 6;
        body["ignore_eos"] = true;
        body["stream"] = stream;
        return body;
    }
}
