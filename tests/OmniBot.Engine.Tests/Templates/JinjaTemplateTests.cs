using System.Text.Json.Nodes;
using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

public sealed class JinjaTemplateTests
{
    [Fact]
    public void Render_DotNetValues_AreSeenAsPythonValues()
    {
        var template = JinjaTemplate.Parse("{{ text }}|{{ flag }}|{{ count }}|{{ ratio }}|{{ nothing }}|{{ items }}|{{ map }}|{{ big }}");
        var variables = new Dictionary<string, object?>
        {
            ["text"] = "it's",
            ["flag"] = true,
            ["count"] = 3,
            ["ratio"] = 0.5f,
            ["nothing"] = null,
            ["items"] = new object?[] { "a", 1, false, null },
            ["map"] = new Dictionary<string, object?> { ["b"] = 1, ["a"] = new List<int> { 2 } },
            ["big"] = ulong.MaxValue,
        };

        Assert.Equal("it's|True|3|0.5|None|['a', 1, False, None]|{'b': 1, 'a': [2]}|18446744073709551615", template.Render(variables));
    }

    [Fact]
    public void Render_JsonNodeVariables_KeepKeyOrderAndNumberKinds()
    {
        var node = JsonNode.Parse("""{"z": 1, "a": 1.0, "m": [true, null, "x"]}""");

        var output = JinjaTemplate.Parse("{{ data }}|{{ data|tojson }}").Render(new Dictionary<string, object?> { ["data"] = node });

        Assert.Equal("{'z': 1, 'a': 1.0, 'm': [True, None, 'x']}|{\"z\": 1, \"a\": 1.0, \"m\": [true, null, \"x\"]}", output);
    }

    [Fact]
    public void Render_UnsupportedVariableType_NamesTheVariable()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            JinjaTemplate.Parse("{{ x }}").Render(new Dictionary<string, object?> { ["when"] = new { Day = 1 } }));

        Assert.Contains("'when'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StrftimeNow_ReadsTheConfiguredClock()
    {
        var options = new JinjaRenderOptions { TimeProvider = new FixedClock(new DateTime(2024, 7, 26, 15, 4, 5)) };

        var output = JinjaTemplate.Parse("{{ strftime_now('%d %b %Y %H:%M:%S %A %-d %j') }}").Render(new Dictionary<string, object?>(), options);

        Assert.Equal("26 Jul 2024 15:04:05 Friday 26 208", output);
    }

    [Fact]
    public void Render_OneTemplateOnManyThreads_GivesTheSameOutputEverywhere()
    {
        var template = JinjaTemplate.Parse(ReferenceCorpus.ReadTemplate("Qwen-Qwen3-0.6B"));
        var variables = ReferenceCorpus.Variables(ReferenceCorpus.ReadCase("08_tool_calls_parallel_followup"));
        var expected = template.Render(variables);

        var outputs = new string[64];
        Parallel.For(0, outputs.Length, i => outputs[i] = template.Render(variables));

        Assert.All(outputs, output => Assert.Equal(expected, output));
    }

    [Fact]
    public void Parse_TemplateSource_IsKept()
    {
        Assert.Equal("{{ x }}\n", JinjaTemplate.Parse("{{ x }}\n").Source);
    }

    [Fact]
    public void Render_TemplateWithCrLfLineEndings_RendersLikeLf()
    {
        var template = JinjaTemplate.Parse("{% if true %}\r\na\r\n{% endif %}\r\nb\r\n");

        Assert.Equal("a\nb", template.Render(new Dictionary<string, object?>()));
    }

    [Fact]
    public void Render_LoopVariable_HasJinjasLookahead()
    {
        const string source = "{% for m in items if m != 'skip' %}{{ loop.index }}/{{ loop.length }}:{{ m }}{{ '' if loop.last else ',' }}{% endfor %}";

        var output = JinjaTemplate.Parse(source).Render(new Dictionary<string, object?> { ["items"] = new[] { "a", "skip", "b", "c" } });

        Assert.Equal("1/3:a,2/3:b,3/3:c", output);
    }

    [Fact]
    public void Render_SetInsideLoop_DoesNotLeakButNamespaceDoes()
    {
        const string source = "{% set x = 'outer' %}{% set ns = namespace(n=0) %}{% for i in [1, 2] %}{% set x = 'inner' %}{% set ns.n = ns.n + i %}{% endfor %}{{ x }} {{ ns.n }}";

        Assert.Equal("outer 3", JinjaTemplate.Parse(source).Render(new Dictionary<string, object?>()));
    }

    [Fact]
    public void Render_GenerationBlock_RendersItsBody()
    {
        Assert.Equal("a[b]c", JinjaTemplate.Parse("a{% generation %}[{{ 'b' }}]{% endgeneration %}c").Render(new Dictionary<string, object?>()));
    }
}
