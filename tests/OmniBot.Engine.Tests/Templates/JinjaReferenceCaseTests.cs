using System.Text.Json;
using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

/// <summary>
/// Small templates, one Jinja2 feature each (whitespace control, literals, operators, undefined, loops, macros, filters,
/// tests, str methods, tojson, syntax errors), with the output or error Python's Jinja2 produced in transformers'
/// environment (Data/generate_reference_cases.py).
/// </summary>
public sealed class JinjaReferenceCaseTests
{
    private static readonly JinjaRenderOptions Options = new() { TimeProvider = new FixedClock(new DateTime(2026, 1, 1)) };
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
        [.. JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Templates", "Data", "jinja-reference-cases.json")))
            .RootElement.EnumerateArray()]);

    public static TheoryData<int, string> AllCases()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Cases.Value.Length; i++)
        {
            data.Add(i, Cases.Value[i].GetProperty("src").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Render_ReferenceCase_MatchesPythonJinja(int index, string source)
    {
        var testCase = Cases.Value[index];
        var variables = testCase.GetProperty("vars").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        string Render() => JinjaTemplate.Parse(source).Render(variables, Options);

        if (testCase.TryGetProperty("ok", out var expected))
        {
            Assert.Equal(expected.GetString(), Render());
            return;
        }

        var errorType = testCase.GetProperty("error").GetString();
        var message = testCase.GetProperty("message").GetString();
        switch (errorType)
        {
            case "Syntax":
                Assert.Throws<TemplateSyntaxException>(Render);
                break;
            case "Raised":
                Assert.Equal(message, Assert.Throws<TemplateRaisedException>(Render).Message);
                break;
            default:
                var error = Assert.Throws<TemplateRenderException>(Render);
                Assert.Equal(errorType, error.ErrorType);
                Assert.Equal(message, error.Message);
                break;
        }
    }
}
