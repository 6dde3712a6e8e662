using System.ComponentModel;
using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Runtime;
using OmniBot.Engine.Tools;
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

    /// <summary>A Phi-4-mini style template (no original was available): tools in &lt;|tool|&gt;, calls as functools[…].</summary>
    private const string Phi4Template = """
        {%- for message in messages -%}
        {%- if message['role'] == 'system' or (loop.first and tools) -%}<|system|>{{ message['content'] if message['role'] == 'system' else '' }}{%- if tools -%}<|tool|>{{ tools | tojson }}<|/tool|>{%- endif -%}<|end|>{%- endif -%}
        {%- if message['role'] == 'user' -%}<|user|>{{ message['content'] }}<|end|>
        {%- elif message['role'] == 'assistant' -%}<|assistant|>{{ message['content'] or '' }}{%- if message['tool_calls'] -%}functools[{%- for call in message['tool_calls'] -%}{"name": "{{ call['function']['name'] }}", "arguments": {{ call['function']['arguments'] | tojson }}}{{ ', ' if not loop.last else '' }}{%- endfor -%}]{%- endif -%}<|end|>
        {%- elif message['role'] == 'tool' -%}<|tool_response|>{{ message['content'] }}<|end|>
        {%- endif -%}
        {%- endfor -%}
        {%- if add_generation_prompt -%}<|assistant|>{%- endif -%}
        """;

    public static TheoryData<string> Families =>
    [
        "Qwen-Qwen2.5-7B-Instruct",
        "NousResearch-Hermes-3-Llama-3.1-8B-tool_use",
        "mistralai-Mistral-Nemo-Instruct-2407",
        "meta-llama-Llama-3.1-8B-Instruct",
        "meetkai-functionary-medium-v3.2",
        "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B",
        "deepseek-ai-DeepSeek-V3.1",
        "CohereForAI-c4ai-command-r-plus-tool_use",
        "CohereForAI-c4ai-command-r7b-12-2024-tool_use",
        "phi-4-mini",
    ];

    [Theory]
    [InlineData("Qwen-Qwen2.5-7B-Instruct", ToolCallSyntax.Hermes)]
    [InlineData("NousResearch-Hermes-3-Llama-3.1-8B-tool_use", ToolCallSyntax.Hermes)]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407", ToolCallSyntax.Mistral)]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct", ToolCallSyntax.Llama3)]
    [InlineData("meetkai-functionary-medium-v3.2", ToolCallSyntax.Functionary)]
    [InlineData("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B", ToolCallSyntax.DeepSeek)]
    [InlineData("deepseek-ai-DeepSeek-V2.5", ToolCallSyntax.DeepSeek)]
    [InlineData("deepseek-ai-DeepSeek-V3.1", ToolCallSyntax.DeepSeekV31)]
    [InlineData("CohereForAI-c4ai-command-r-plus-tool_use", ToolCallSyntax.CommandRPlus)]
    [InlineData("CohereForAI-c4ai-command-r7b-12-2024-tool_use", ToolCallSyntax.CommandR7B)]
    [InlineData("phi-4-mini", ToolCallSyntax.Phi4)]
    [InlineData("google-gemma-2-2b-it", ToolCallSyntax.GenericJson)]
    public void Detect_RealTemplates_FindTheirFamilySyntax(string template, ToolCallSyntax expected) =>
        Assert.Equal(expected, ToolCallParser.Detect(TemplateText(template)));

    [Theory]
    [MemberData(nameof(Families))]
    public async Task GetResponseAsync_RequiredTool_ReturnsValidCallsInTheFamilySyntax(string template)
    {
        using var model = LoadWithTemplate(template);
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 4096, Threads = 2 }, "tiny");
        using var client = new LlamaChatClient(scheduler);
        var forecast = AIFunctionFactory.Create(([Description("Days ahead")] int days, [Description("Temperature unit")] Unit unit) => $"{days} days in {unit}", "forecast", "Weather forecast");
        var other = AIFunctionFactory.Create(([Description("Shout")] bool loud) => loud ? "HI" : "hi", "greet", "Say hello");

        for (var seed = 0; seed < 3; seed++)
        {
            var options = new ChatOptions
            {
                Tools = [forecast, other],
                ToolMode = ChatToolMode.RequireSpecific("forecast"),
                Temperature = 1.0f,
                Seed = seed,
                MaxOutputTokens = 400,
            };

            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather for the week?")], options);

            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            var calls = response.Messages.SelectMany(message => message.Contents).OfType<FunctionCallContent>().ToList();
            Assert.NotEmpty(calls);
            Assert.All(calls, call =>
            {
                Assert.Equal("forecast", call.Name);
                Assert.True(call.Arguments!.ContainsKey("days"));
                Assert.True(call.Arguments.ContainsKey("unit"));
            });
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task FunctionInvokingChatClient_CallsTheFunctionAndFeedsTheResultBack(string template)
    {
        using var model = LoadWithTemplate(template);
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 4096, Threads = 2 }, "tiny");
        var invocations = new List<int>();
        var forecast = AIFunctionFactory.Create(([Description("Days ahead")] int days) => { invocations.Add(days); return $"sunny for {days} days"; }, "forecast", "Weather forecast");
        var failing = AIFunctionFactory.Create(([Description("Days ahead")] int days) => { invocations.Add(days); throw new InvalidOperationException("station offline"); }, "broken_forecast", "Weather forecast from a station that is down");
        using var client = new ChatClientBuilder(new LlamaChatClient(scheduler))
            .UseFunctionInvocation(configure: invoker => invoker.MaximumIterationsPerRequest = 2)
            .Build();

        var debug = new List<string>();
        foreach (var tool in new[] { forecast, failing })
        {
            var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, Temperature = 0, MaxOutputTokens = 200 };

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

    private static string TemplateText(string template) =>
        template == "phi-4-mini" ? Phi4Template : File.ReadAllText(Path.Combine(SharedData.ChatTemplatesDirectory, "templates", template + ".jinja"));

    private SafeLlamaModelHandle LoadWithTemplate(string template)
    {
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Qwen2), GgufTensorType.F32);
        writer.Set("tokenizer.chat_template", GgufMetadataValue.String(TemplateText(template)));
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.gguf");
        writer.WriteTo(path);
        LlamaRuntime.EnsureInitialized();
        return SafeLlamaModelHandle.LoadFromFile(path, LLamaModelParams.Default());
    }
}
