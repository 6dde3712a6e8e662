using System.Text;
using System.Text.Json;

namespace OmniBot.Engine.Tests.Templates;

/// <summary>
/// The shared chat-template reference corpus (<c>shared/chat-templates</c>): real templates, test conversations, and the
/// prompts Python Jinja2 rendered for them the way transformers does. Found by walking up from the test assembly.
/// </summary>
internal static class ReferenceCorpus
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<string> Root = new(() => OmniBot.TestModels.SharedData.ChatTemplatesDirectory);
    private static readonly Lazy<JsonElement> Index = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root.Value, "expected", "index.json"))).RootElement.GetProperty("templates"));

    public static string Directory => Root.Value;

    public static IEnumerable<string> TemplateNames => System.IO.Directory
        .GetFiles(Path.Combine(Root.Value, "templates"), "*.jinja")
        .Select(Path.GetFileNameWithoutExtension)
        .Order(StringComparer.Ordinal)!;

    public static IEnumerable<string> CaseNames => System.IO.Directory
        .GetFiles(Path.Combine(Root.Value, "cases"), "*.json")
        .Select(Path.GetFileNameWithoutExtension)
        .Order(StringComparer.Ordinal)!;

    /// <summary>Every template × case pair, for theories.</summary>
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in TemplateNames)
        {
            foreach (var caseName in CaseNames)
            {
                data.Add(template, caseName);
            }
        }

        return data;
    }

    /// <summary>The template text, decoded from raw UTF-8 bytes without newline translation.</summary>
    public static string ReadTemplate(string name) => Decode(Path.Combine(Root.Value, "templates", name + ".jinja"));

    public static JsonElement ReadCase(string caseName) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root.Value, "cases", caseName + ".json"))).RootElement;

    /// <summary>The variables transformers passes: every case key but <c>description</c>; <c>tools</c> and <c>documents</c> default to None.</summary>
    public static Dictionary<string, object?> Variables(JsonElement testCase)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["tools"] = null,
            ["documents"] = null,
            ["add_generation_prompt"] = false,
        };
        foreach (var property in testCase.EnumerateObject())
        {
            if (property.Name != "description")
            {
                variables[property.Name] = property.Value;
            }
        }

        return variables;
    }

    public static ReferenceOutcome Expected(string template, string caseName)
    {
        var status = Index.Value.GetProperty(template).GetProperty(caseName);
        var folder = Path.Combine(Root.Value, "expected", template);
        if (status.GetProperty("result").GetString() == "ok")
        {
            return new ReferenceOutcome(Decode(Path.Combine(folder, caseName + ".txt")), null, null);
        }

        return new ReferenceOutcome(
            null,
            Decode(Path.Combine(folder, caseName + ".error")),
            status.GetProperty("raised_by").GetString());
    }

    private static string Decode(string path) => StrictUtf8.GetString(File.ReadAllBytes(path));
}

/// <summary>What the reference produced: the prompt, or the error text and what raised it.</summary>
internal sealed record ReferenceOutcome(string? Text, string? Error, string? RaisedBy)
{
    public bool RaisedByTemplate => RaisedBy == "raise_exception";
}
