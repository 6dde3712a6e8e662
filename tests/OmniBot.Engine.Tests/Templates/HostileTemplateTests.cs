using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

/// <summary>
/// Templates arrive in downloaded GGUF files and values arrive in requests: every shape nested or chained
/// 100,000 deep must end in a clear template error, never a stack overflow that takes the server down.
/// </summary>
public sealed class HostileTemplateTests
{
    private const int Levels = 100_000;

    private static readonly Dictionary<string, object?> NoVariables = [];

    private static string Repeat(string text, int count = Levels) => string.Concat(Enumerable.Repeat(text, count));

    public static TheoryData<string> DeepExpressions() =>
    [
        Repeat("(") + "1" + Repeat(")"),
        Repeat("[") + Repeat("]"),
        Repeat("{'a': ") + "1" + Repeat("}"),
        Repeat("(1, ") + "1" + Repeat(")"),
        Repeat("not ") + "1",
        Repeat("- ") + "1",
        Repeat("+") + "1",
        "1" + Repeat(" + 1"),
        "1" + Repeat(" * 1"),
        "1" + Repeat(" ** 1"),
        "1" + Repeat(" and 1"),
        "1" + Repeat(" or 1"),
        "1" + Repeat(" if 1 else 1"),
        "'x'" + Repeat("|lower"),
        "x" + Repeat(".a"),
        "x" + Repeat("[0]"),
        "x" + Repeat("()"),
        "x" + Repeat("[1:2]"),
        Repeat("f(") + Repeat(")"),
        Repeat("x[") + "0" + Repeat("]"),
        Repeat("(lambda") + Repeat(")"),
    ];

    public static TheoryData<string> UnclosedBrackets() => [Repeat("("), Repeat("["), Repeat("{"), Repeat("{% if true %}{{ (")];

    public static TheoryData<string> DeepBlocks() =>
    [
        Repeat("{% if true %}") + Repeat("{% endif %}"),
        Repeat("{% if false %}{% else %}") + Repeat("{% endif %}"),
        Repeat("{% for x in [1] %}") + Repeat("{% endfor %}"),
        Repeat("{% for x in [1] recursive %}") + Repeat("{% endfor %}"),
        Repeat("{% macro m() %}") + Repeat("{% endmacro %}"),
        Repeat("{% set x %}") + Repeat("{% endset %}"),
        Repeat("{% filter upper %}") + Repeat("{% endfilter %}"),
        Repeat("{% with %}") + Repeat("{% endwith %}"),
        Repeat("{% call m() %}") + Repeat("{% endcall %}"),
        Repeat("{% generation %}") + Repeat("{% endgeneration %}"),
        Repeat("{% if true %}"),
        Repeat("{% for x in y %}"),
    ];

    [Theory]
    [MemberData(nameof(DeepExpressions))]
    public void Parse_ExpressionNestedOrChained100000Deep_FailsWithTheNestingLimit(string expression)
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("{{ " + expression + " }}"));

        Assert.Contains("nests more than", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeepBlocks))]
    public void Parse_BlocksNested100000Deep_FailsWithTheNestingLimit(string source)
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse(source));

        Assert.Contains("nests more than", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnclosedBrackets))]
    public void Parse_100000UnclosedBrackets_IsASyntaxError(string expression)
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("{{ " + expression + " }}"));

        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData("(", ")", "1", 195)] // a bracket counts twice: itself and the expression inside
    [InlineData("[", "]", "", 195)]
    [InlineData("not ", "", "1", 390)]
    [InlineData("", "|string", "'a'", 390)]
    public void Render_ExpressionJustInsideTheNestingLimit_FitsAThreadPoolThreadsStack(string open, string close, string inner, int depth)
    {
        // 1.5 MiB is .NET's default stack for secondary threads on Linux, which serve HTTP requests.
        var source = "{{ (" + string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth)) + ")|string|length > 0 }}";

        Assert.Equal("True", OnThread(1536 * 1024, () => JinjaTemplate.Parse(source).Render(NoVariables)));
    }

    [Fact]
    public void Parse_DeepTemplateOnATinyStack_FailsCleanlyInsteadOfOverflowing()
    {
        var source = "{{ " + Repeat("(", 390) + "1" + Repeat(")", 390) + " }}";

        var outcome = OnThread(160 * 1024, () =>
        {
            try
            {
                return JinjaTemplate.Parse(source).Render(NoVariables);
            }
            catch (TemplateException error)
            {
                return error.Message;
            }
        });

        Assert.Contains("exhausts the thread's stack", outcome, StringComparison.Ordinal);
    }

    private static string OnThread(int stackBytes, Func<string> work)
    {
        string? result = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception error)
                {
                    failure = error;
                }
            },
            stackBytes);
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw new InvalidOperationException("The work failed on its thread.", failure);
    }

    [Fact]
    public void Render_ConcatenationOf100000Strings_Renders()
    {
        var template = JinjaTemplate.Parse("{{ 'a'" + Repeat(" ~ 'a'") + " }}");

        Assert.Equal(Levels + 1, template.Render(NoVariables).Length);
    }

    [Fact]
    public void Parse_FlatListOf100000Items_Renders()
    {
        var template = JinjaTemplate.Parse("{{ [" + string.Join(", ", Enumerable.Repeat("1", Levels)) + "]|length }}");

        Assert.Equal("100000", template.Render(NoVariables));
    }

    [Fact]
    public void Parse_100000SiblingBlocks_Renders()
    {
        var template = JinjaTemplate.Parse(Repeat("{% if true %}a{% endif %}"));

        Assert.Equal(Levels, template.Render(NoVariables).Length);
    }

    [Theory]
    [InlineData("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")]
    [InlineData("{% macro f() %}{% call f() %}{% endcall %}{{ caller() }}{% endmacro %}{% call f() %}{% endcall %}")]
    [InlineData("{% macro f() %}{% filter upper %}{{ f() }}{% endfilter %}{% endmacro %}{{ f() }}")]
    [InlineData("{% macro f() %}{{ caller() }}{% endmacro %}{% macro g() %}{% call f() %}{{ g() }}{% endcall %}{% endmacro %}{{ g() }}")]
    [InlineData("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}")]
    [InlineData("{% macro f() %}{% set v = f() %}{% endmacro %}{{ f() }}")]
    public void Render_UnboundedRecursion_StopsAtTheRecursionLimit(string source)
    {
        var error = Assert.Throws<TemplateLimitExceededException>(
            () => JinjaTemplate.Parse(source).Render(NoVariables, new JinjaRenderOptions { MaxRecursionDepth = 1_000_000 }));

        Assert.Equal(TemplateLimit.RecursionDepth, error.Limit);
    }

    [Theory]
    [InlineData("{{ v }}")]
    [InlineData("{{ v|string }}")]
    [InlineData("{{ v|tojson }}")]
    [InlineData("{{ v|tojson(indent=2) }}")]
    [InlineData("{{ v == w }}")]
    [InlineData("{{ v != w }}")]
    [InlineData("{{ v < w }}")]
    [InlineData("{{ v in [w] }}")]
    [InlineData("{{ [v, w]|sort|length }}")]
    [InlineData("{{ [v, w]|max|length }}")]
    [InlineData("{{ v|list|string }}")]
    [InlineData("{{ '%s' % (v,) }}")]
    [InlineData("{{ '{}'.format(v) }}")]
    [InlineData("{{ v|join }}")]
    [InlineData("{{ v|safe }}")]
    public void Render_ValueBuilt100000Deep_FailsCleanly(string use)
    {
        var source = "{% set ns = namespace(v=[], w=[]) %}{% for i in range(100000) %}{% set ns.v = [ns.v] %}{% set ns.w = [ns.w] %}{% endfor %}"
            + "{% set v = ns.v %}{% set w = ns.w %}" + use;

        var error = Assert.Throws<TemplateLimitExceededException>(() => JinjaTemplate.Parse(source).Render(NoVariables));

        Assert.Equal(TemplateLimit.ValueNesting, error.Limit);
        Assert.Contains("nested more than 512 levels deep", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ ns }}")]
    [InlineData("{{ [ns]|string }}")]
    public void Render_NamespaceContainingItself_StopsAtTheValueNestingLimit(string use)
    {
        var source = "{% set ns = namespace() %}{% set ns.self = ns %}{% set ns.list = [ns] %}" + use;

        var error = Assert.Throws<TemplateLimitExceededException>(() => JinjaTemplate.Parse(source).Render(NoVariables));

        Assert.Equal(TemplateLimit.ValueNesting, error.Limit);
    }

    [Fact]
    public void Render_ValuesWithinTheNestingLimit_CompareAndPrint()
    {
        var source = "{% set ns = namespace(v=[], w=[]) %}{% for i in range(500) %}{% set ns.v = [ns.v] %}{% set ns.w = [ns.w] %}{% endfor %}"
            + "{{ ns.v == ns.w }} {{ (ns.v|tojson)|length }} {{ (ns.v|string)|length }}";

        Assert.Equal("True 1002 1002", JinjaTemplate.Parse(source).Render(NoVariables));
    }

    [Fact]
    public void Render_DictKeyTupleBuilt100000Deep_FailsCleanly()
    {
        var source = "{% set ns = namespace(v=()) %}{% for i in range(100000) %}{% set ns.v = (ns.v,) %}{% endfor %}{{ {ns.v: 1}|length }}";

        var error = Assert.Throws<TemplateLimitExceededException>(() => JinjaTemplate.Parse(source).Render(NoVariables));

        Assert.Equal(TemplateLimit.ValueNesting, error.Limit);
    }

    [Fact]
    public void Render_JsonVariableNested100000Deep_IsRejectedNamingTheDepth()
    {
        JsonNode root = new JsonArray();
        for (var i = 0; i < Levels; i++)
        {
            root = new JsonArray(root);
        }

        var error = Assert.Throws<ArgumentException>(() => JinjaTemplate.Parse("{{ v }}").Render(new Dictionary<string, object?> { ["v"] = root }));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ListVariableNested100000Deep_IsRejectedNamingTheDepth()
    {
        object root = new List<object?>();
        for (var i = 0; i < Levels; i++)
        {
            root = new List<object?> { root };
        }

        var error = Assert.Throws<ArgumentException>(() => JinjaTemplate.Parse("{{ v }}").Render(new Dictionary<string, object?> { ["v"] = root }));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ToolsJsonNested100000Deep_IsRejectedNamingTheDepth()
    {
        var json = Repeat("{\"a\":") + "1" + Repeat("}");
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = Levels + 1 });
        var renderer = new ChatTemplateRenderer(JinjaTemplate.Parse("{{ tools|tojson }}"));

        var error = Assert.Throws<ArgumentException>(
            () => renderer.Render(new ChatTemplateRequest { Messages = [new("user") { Content = "hi" }], Tools = [document.RootElement] }));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QuadraticStringGrowthInALoop_StopsAtTheRenderTimeLimit()
    {
        var source = "{% set ns = namespace(s='') %}{% for i in range(100000) %}{% for j in range(10) %}{% set ns.s = ns.s ~ 'xxxxxxxx' %}{% endfor %}{% endfor %}";
        var clock = new SteppingClock(TimeSpan.FromSeconds(1));

        var error = Assert.Throws<TemplateLimitExceededException>(
            () => JinjaTemplate.Parse(source).Render(NoVariables, new JinjaRenderOptions { TimeProvider = clock, MaxRenderTime = TimeSpan.FromSeconds(5) }));

        Assert.Equal(TemplateLimit.RenderTime, error.Limit);
        Assert.Equal(5000, error.Maximum);
        Assert.Contains("JinjaRenderOptions.MaxRenderTime", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Reads, 6, 7);
    }

    [Fact]
    public void Render_MacroCallsPastTheRenderTime_StopAtTheRenderTimeLimit()
    {
        var source = "{% macro f() %}x{% endmacro %}{{ f() }}{{ f() }}{{ f() }}{{ f() }}";

        var error = Assert.Throws<TemplateLimitExceededException>(
            () => JinjaTemplate.Parse(source).Render(NoVariables, new JinjaRenderOptions { TimeProvider = new SteppingClock(TimeSpan.FromSeconds(1)), MaxRenderTime = TimeSpan.FromSeconds(2) }));

        Assert.Equal(TemplateLimit.RenderTime, error.Limit);
    }

    [Fact]
    public void Render_WithinTheRenderTime_Completes()
    {
        var source = "{% macro f() %}x{% endmacro %}{% for i in range(1000) %}{{ f() if i < 3 }}{% endfor %}";

        var output = JinjaTemplate.Parse(source).Render(NoVariables, new JinjaRenderOptions { TimeProvider = new SteppingClock(TimeSpan.FromSeconds(1)), MaxRenderTime = TimeSpan.FromSeconds(100) });

        Assert.Equal("xxx", output);
    }

    [Theory]
    [InlineData("{% for i in range(10**9) %}x{% endfor %}")]
    [InlineData("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")]
    [InlineData("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}")]
    [InlineData("{{ 'a' * 10**12 }}")]
    [InlineData("{{ ('a' * 10**6) * 10**6 }}")]
    [InlineData("{{ [1] * 10**12 }}")]
    [InlineData("{{ 'a'.ljust(10**12) }}")]
    [InlineData("{{ 'a' * 10**7 ~ 'a' * 10**7 }}")]
    [InlineData("{{ range(100000)|list * 1000 }}")]
    [InlineData("{{ 'a\nb'|indent(10**12) }}")]
    [InlineData("{{ ('a' * 10**6)|replace('a', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') }}")]
    [InlineData("{{ '{:>1000000000}'.format(1) }}")]
    public void Render_RunawayWork_StopsAtALimit(string source)
    {
        var error = Assert.ThrowsAny<TemplateException>(() => JinjaTemplate.Parse(source).Render(NoVariables));

        Assert.True(error is TemplateLimitExceededException or TemplateRenderException, error.GetType().Name);
    }
}
