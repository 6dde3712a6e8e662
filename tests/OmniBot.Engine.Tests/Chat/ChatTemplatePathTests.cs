using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Runtime;
using OmniBot.TestModels;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Engine.Tests.Chat;

/// <summary>The chat path renders the model's own template through the Jinja engine.</summary>
public sealed class ChatTemplatePathTests : IDisposable
{
    private const string CustomTemplate =
        "{{ bos_token }}{% for m in messages %}[{{ m.role | upper }}|{{ greeting | default('none') }}]{{ m.content | trim }}\n{% endfor %}" +
        "{% if add_generation_prompt %}[ASSISTANT]{% endif %}";

    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-template-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Format_ModelWithItsOwnTemplate_RendersItWithTemplateVariables()
    {
        using var model = LoadWithTemplates(("tokenizer.chat_template", CustomTemplate));
        var formatter = ChatPromptFormatter.ForModel(model, null);
        var options = new ChatOptions { AdditionalProperties = new() { ["chat_template_kwargs"] = new Dictionary<string, object?> { ["greeting"] = "hi" } } };

        var prompt = formatter.Format([new ChatMessage(ChatRole.User, "  Hello  ")], options).Text;

        Assert.Equal("<s>[USER|hi]Hello\n[ASSISTANT]", prompt);
    }

    [Fact]
    public void Format_NamedTemplate_IsUsedWhenAskedFor()
    {
        using var model = LoadWithTemplates(("tokenizer.chat_template", CustomTemplate), ("tokenizer.chat_template.terse", "{% for m in messages %}{{ m.content }}|{% endfor %}"));

        var prompt = ChatPromptFormatter.ForModel(model, "terse").Format([new ChatMessage(ChatRole.User, "a"), new ChatMessage(ChatRole.Assistant, "b")], null).Text;

        Assert.Equal("a|b|", prompt);
        Assert.Throws<Errors.LlamaEngineException>(() => ChatPromptFormatter.ForModel(model, "missing"));
    }

    [Fact]
    public void Format_ModelWithoutTemplate_FallsBackToChatMl()
    {
        using var model = LoadWithTemplates();

        var prompt = ChatPromptFormatter.ForModel(model, null).Format([new ChatMessage(ChatRole.User, "hey")], null).Text;

        Assert.Equal("<|im_start|>user\nhey<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void Format_TemplateThatRaises_IsAClearEngineError()
    {
        using var model = LoadWithTemplates(("tokenizer.chat_template", "{{ raise_exception('Conversation roles must alternate') }}"));

        var error = Assert.Throws<Errors.LlamaEngineException>(() => ChatPromptFormatter.ForModel(model, null).Format([new ChatMessage(ChatRole.User, "x")], null));

        Assert.Contains("Conversation roles must alternate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nested parentheses", "nests more than 400 levels deep")]
    [InlineData("nested blocks", "nests more than 400 levels deep")]
    [InlineData("recursive macro", "JinjaRenderOptions.MaxRecursionDepth")]
    [InlineData("value nested by a loop", "nested more than 512 levels deep")]
    public void Format_HostileTemplateInTheModelFile_IsAClearEngineErrorNamingTheLimit(string attack, string limit)
    {
        var template = attack switch
        {
            "nested parentheses" => "{{ " + new string('(', 100_000) + "1" + new string(')', 100_000) + " }}",
            "nested blocks" => string.Concat(Enumerable.Repeat("{% if true %}", 100_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 100_000)),
            "recursive macro" => "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
            _ => "{% set ns = namespace(v=[]) %}{% for i in range(100000) %}{% set ns.v = [ns.v] %}{% endfor %}{{ ns.v == messages }}{{ ns.v|tojson }}",
        };
        using var model = LoadWithTemplates(("tokenizer.chat_template", template));
        var formatter = ChatPromptFormatter.ForModel(model, null);

        var error = Assert.Throws<Errors.LlamaEngineException>(() => formatter.Format([new ChatMessage(ChatRole.User, "x")], null));

        Assert.Contains(limit, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_TemplateKwargsNested100000Deep_IsRejectedNamingTheDepth()
    {
        System.Text.Json.Nodes.JsonNode deep = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 100_000; i++)
        {
            deep = new System.Text.Json.Nodes.JsonArray(deep);
        }

        using var model = LoadWithTemplates(("tokenizer.chat_template", CustomTemplate));
        var options = new ChatOptions { AdditionalProperties = new() { ["chat_template_kwargs"] = new Dictionary<string, object?> { ["greeting"] = deep } } };

        var error = Assert.Throws<ArgumentException>(() => ChatPromptFormatter.ForModel(model, null).Format([new ChatMessage(ChatRole.User, "x")], options));

        Assert.Contains("more than 256 levels deep", error.Message, StringComparison.Ordinal);
    }

    private SafeLlamaModelHandle LoadWithTemplates(params (string Key, string Template)[] templates)
    {
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Llama), GgufTensorType.F32);
        writer.Remove("tokenizer.chat_template");
        foreach (var (key, template) in templates)
        {
            writer.Set(key, GgufMetadataValue.String(template));
        }

        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.gguf");
        writer.WriteTo(path);
        LlamaRuntime.EnsureInitialized();
        return SafeLlamaModelHandle.LoadFromFile(path, LLamaModelParams.Default());
    }
}
