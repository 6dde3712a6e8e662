using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OmniBot.Engine.Templates;
using OmniBot.Models.Gguf;

namespace OmniBot.Cli;

/// <summary>
/// <c>omnibot template render</c>: renders a chat template for a conversation exactly as transformers'
/// <c>apply_chat_template</c> does and prints it with nothing added, for debugging templates.
/// </summary>
internal static class TemplateCommand
{
    private static readonly HashSet<string> NonVariables = ["description"];

    public static Command Create(StoreCliOptions store)
    {
        var template = new Option<FileInfo?>("--template") { Description = "A Jinja chat template file." };
        var model = new Option<string?>("--model") { Description = "A GGUF file or store model whose tokenizer.chat_template is used." };
        var name = new Option<string?>("--name") { Description = "One of the model's named templates (tokenizer.chat_template.NAME)." };
        var testCase = new Option<FileInfo>("--case") { Description = "The conversation as JSON: messages, tools, add_generation_prompt, bos_token, eos_token and extra variables.", Required = true };
        var now = new Option<DateTimeOffset?>("--now") { Description = "The time strftime_now sees (default: now)." };
        var render = new Command("render", "Render a chat template for a conversation and print the prompt.") { template, model, name, testCase, now };
        render.SetAction(parseResult =>
        {
            var source = LoadTemplate(parseResult, parseResult.GetValue(template), parseResult.GetValue(model), parseResult.GetValue(name), store, out var modelTokens);
            var variables = LoadVariables(parseResult.GetRequiredValue(testCase), modelTokens);
            var options = parseResult.GetValue(now) is { } fixedTime ? new JinjaRenderOptions { TimeProvider = new FixedTimeProvider(fixedTime) } : null;
            string text;
            try
            {
                text = JinjaTemplate.Parse(source).Render(variables, options);
            }
            catch (TemplateException exception)
            {
                throw new CliErrorException(exception.Message);
            }

            var output = parseResult.InvocationConfiguration.Output;
            output.Write(text);
            output.Flush();
            return 0;
        });
        return new Command("template", "Work with chat templates.") { render };
    }

    private static string LoadTemplate(ParseResult parseResult, FileInfo? template, string? model, string? name, StoreCliOptions store, out (string Bos, string Eos) tokens)
    {
        tokens = (string.Empty, string.Empty);
        if (template is not null == model is not null)
        {
            throw new CliErrorException("Give either --template FILE or --model MODEL.");
        }

        if (template is not null)
        {
            return template.Exists
                ? File.ReadAllText(template.FullName, new UTF8Encoding(false))
                : throw new CliErrorException($"'{template.FullName}' does not exist.");
        }

        var info = GgufModelInfo.Read(ModelPathResolver.Resolve(parseResult, model!));
        tokens = (TokenText(info, info.BosTokenId), TokenText(info, info.EosTokenId));
        if (name is not null)
        {
            return info.ChatTemplates.TryGetValue(name, out var named)
                ? named
                : throw new CliErrorException($"The model has no chat template named '{name}'; it has: {string.Join(", ", info.ChatTemplates.Keys)}.");
        }

        return info.ChatTemplate ?? throw new CliErrorException("The model has no tokenizer.chat_template; pass one with --template FILE.");
    }

    private static string TokenText(GgufModelInfo info, int? id) =>
        id is { } index && info.File.Metadata.TryGetValue("tokenizer.ggml.tokens", out var tokens) && tokens.AsArray().AsStrings() is { } texts && index >= 0 && index < texts.Count
            ? texts[index]
            : string.Empty;

    private static Dictionary<string, object?> LoadVariables(FileInfo file, (string Bos, string Eos) modelTokens)
    {
        if (!file.Exists)
        {
            throw new CliErrorException($"'{file.FullName}' does not exist.");
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(File.ReadAllBytes(file.FullName)).RootElement;
        }
        catch (JsonException exception)
        {
            throw new CliErrorException($"'{file.Name}' is not valid JSON: {exception.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out _))
        {
            throw new CliErrorException($"'{file.Name}' must be a JSON object with a \"messages\" list.");
        }

        // As transformers passes them: tools and documents are None unless given, the model's tokens by default.
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["tools"] = null,
            ["documents"] = null,
            ["add_generation_prompt"] = false,
            ["bos_token"] = modelTokens.Bos,
            ["eos_token"] = modelTokens.Eos,
        };
        foreach (var property in root.EnumerateObject().Where(property => !NonVariables.Contains(property.Name)))
        {
            variables[property.Name] = property.Value;
        }

        return variables;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
