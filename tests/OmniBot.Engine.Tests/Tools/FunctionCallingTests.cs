using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Runtime;
using OmniBot.TestModels;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Engine.Tests.Tools;

/// <summary>Tool calls end to end on a synthetic model carrying a real family's chat template.</summary>
public sealed class FunctionCallingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-tools-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public enum Unit
    {
        Celsius,
        Fahrenheit,
    }

    [Theory]
    [InlineData("Qwen-Qwen2.5-7B-Instruct")]
    [InlineData("NousResearch-Hermes-3-Llama-3.1-8B-tool_use")]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407")]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct")]
    public async Task GetResponseAsync_RequiredTool_ReturnsAValidCallInTheFamilySyntax(string template)
    {
        using var model = LoadWithTemplate(template);
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 4096, Threads = 2 }, "tiny");
        using var client = new LlamaChatClient(scheduler);
        var forecast = AIFunctionFactory.Create((int days, Unit unit) => $"{days} days in {unit}", "forecast", "Weather forecast");
        var other = AIFunctionFactory.Create((bool loud) => loud ? "HI" : "hi", "greet", "Say hello");

        for (var seed = 0; seed < 5; seed++)
        {
            var options = new ChatOptions
            {
                Tools = [forecast, other],
                ToolMode = ChatToolMode.RequireSpecific("forecast"),
                Temperature = 1.0f,
                Seed = seed,
                MaxOutputTokens = 200,
            };

            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather for the week?")], options);

            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            var call = Assert.Single(response.Messages.SelectMany(message => message.Contents).OfType<FunctionCallContent>());
            Assert.Equal("forecast", call.Name);
            Assert.True(call.Arguments!.ContainsKey("days"));
            Assert.True(call.Arguments.ContainsKey("unit"));
        }
    }

    [Fact]
    public async Task FunctionInvokingChatClient_CallsTheFunctionAndFeedsTheResultBack()
    {
        using var model = LoadWithTemplate("Qwen-Qwen2.5-7B-Instruct");
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 4096, Threads = 2 }, "tiny");
        var invocations = new List<int>();
        var forecast = AIFunctionFactory.Create((int days) => { invocations.Add(days); return $"sunny for {days} days"; }, "forecast");
        var failing = AIFunctionFactory.Create((int days) => { invocations.Add(days); throw new InvalidOperationException("station offline"); }, "broken_forecast");
        using var client = new ChatClientBuilder(new LlamaChatClient(scheduler))
            .UseFunctionInvocation(configure: invoker => invoker.MaximumIterationsPerRequest = 2)
            .Build();

        var debug = new List<string>();
        foreach (var tool in new[] { forecast, failing })
        {
            var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, Temperature = 0, MaxOutputTokens = 100 };

            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather?")], options);

            debug.Add(string.Join(" ; ", response.Messages.SelectMany(m => m.Contents).Select(c => c is FunctionResultContent r ? "result:" + r.Result + r.Exception : c is FunctionCallContent f ? "call:" + f.Name + System.Text.Json.JsonSerializer.Serialize(f.Arguments) : c.ToString())));
            Assert.True(response.Messages.Any(message => message.Contents.OfType<FunctionResultContent>().Any()),
                string.Join(" | ", response.Messages.Select(message => message.Role + ":" + string.Join(",", message.Contents.Select(content => content.GetType().Name + "=" + content)))) + $" finish={response.FinishReason}");
        }

        // Both functions ran: the working one and the one that throws (its error went back to the model, not to us).
        Assert.True(invocations.Count >= 2, string.Join(" | ", debug));
    }

    [Fact]
    public async Task Format_ToolResults_AreRenderedBackThroughTheTemplate()
    {
        using var model = LoadWithTemplate("Qwen-Qwen2.5-7B-Instruct");
        var formatter = ChatPromptFormatter.ForModel(model, null);
        var call = new FunctionCallContent("call_1", "forecast", new Dictionary<string, object?> { ["days"] = 3 });
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny for 3 days")]),
        };

        var prompt = formatter.Format(messages, new ChatOptions { Tools = [AIFunctionFactory.Create((int days) => "", "forecast")] }).Text;

        Assert.Contains("<tool_call>", prompt, StringComparison.Ordinal);
        Assert.Contains("\"forecast\"", prompt, StringComparison.Ordinal);
        Assert.Contains("<tool_response>\nsunny for 3 days\n</tool_response>", prompt, StringComparison.Ordinal);
    }

    private SafeLlamaModelHandle LoadWithTemplate(string template)
    {
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Qwen2), GgufTensorType.F32);
        writer.Set("tokenizer.chat_template", GgufMetadataValue.String(File.ReadAllText(Path.Combine(SharedData.ChatTemplatesDirectory, "templates", template + ".jinja"))));
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.gguf");
        writer.WriteTo(path);
        LlamaRuntime.EnsureInitialized();
        return SafeLlamaModelHandle.LoadFromFile(path, LLamaModelParams.Default());
    }
}
