using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

public sealed class TemplateLimitTests
{
    private static readonly Dictionary<string, object?> NoVariables = [];

    [Fact]
    public void Render_NestedHugeLoops_StopsAtTheIterationLimit()
    {
        var template = JinjaTemplate.Parse("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}");

        var error = Assert.Throws<TemplateLimitExceededException>(() => template.Render(NoVariables, new JinjaRenderOptions { MaxLoopIterations = 5000 }));

        Assert.Equal(TemplateLimit.LoopIterations, error.Limit);
        Assert.Equal(5000, error.Maximum);
        Assert.Contains("JinjaRenderOptions.MaxLoopIterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LoopWithinTheLimit_Completes()
    {
        var template = JinjaTemplate.Parse("{% for a in range(100) %}{% for b in range(50) %}{% endfor %}{% endfor %}done");

        Assert.Equal("done", template.Render(NoVariables, new JinjaRenderOptions { MaxLoopIterations = 100 + (100 * 50) }));
    }

    [Fact]
    public void Render_InfiniteMacroRecursion_StopsAtTheRecursionLimit()
    {
        var template = JinjaTemplate.Parse("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");

        var error = Assert.Throws<TemplateLimitExceededException>(() => template.Render(NoVariables));

        Assert.Equal(TemplateLimit.RecursionDepth, error.Limit);
        Assert.Equal(JinjaRenderOptions.Default.MaxRecursionDepth, error.Maximum);
    }

    [Fact]
    public void Render_RecursionLimitRaisedFarBeyondTheStack_StillFailsCleanly()
    {
        var template = JinjaTemplate.Parse("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");

        var error = Assert.Throws<TemplateLimitExceededException>(() => template.Render(NoVariables, new JinjaRenderOptions { MaxRecursionDepth = 10_000_000 }));

        Assert.Equal(TemplateLimit.RecursionDepth, error.Limit);
    }

    [Fact]
    public void Render_RecursiveLoopWithoutEnd_StopsAtTheRecursionLimit()
    {
        var template = JinjaTemplate.Parse("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}");

        var error = Assert.Throws<TemplateLimitExceededException>(() => template.Render(NoVariables, new JinjaRenderOptions { MaxRecursionDepth = 20 }));

        Assert.Equal(TemplateLimit.RecursionDepth, error.Limit);
    }

    [Fact]
    public void Render_OutputPastTheLimit_Stops()
    {
        var template = JinjaTemplate.Parse("{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}");

        var error = Assert.Throws<TemplateLimitExceededException>(() => template.Render(NoVariables, new JinjaRenderOptions { MaxOutputLength = 100_000 }));

        Assert.Equal(TemplateLimit.OutputLength, error.Limit);
    }

    [Theory]
    [InlineData("{{ 'x' * 10 ** 12 }}")]
    [InlineData("{{ [0] * 10 ** 12 }}")]
    [InlineData("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}")]
    [InlineData("{{ 10 ** (10 ** 10) }}")]
    [InlineData("{{ '%999999999d' % 1 }}")]
    [InlineData("{{ 'a'.center(10 ** 12) }}")]
    public void Render_MemoryBomb_StopsAtTheLengthLimit(string source)
    {
        var error = Assert.Throws<TemplateLimitExceededException>(() => JinjaTemplate.Parse(source).Render(NoVariables));

        Assert.Equal(TemplateLimit.OutputLength, error.Limit);
    }

    [Fact]
    public void Render_RangeBeyondTheSandboxLimit_RaisesOverflowError()
    {
        var error = Assert.Throws<TemplateRenderException>(() => JinjaTemplate.Parse("{{ range(10 ** 9) }}").Render(NoVariables));

        Assert.Equal("OverflowError", error.ErrorType);
        Assert.Equal("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).", error.Message);
    }

    [Fact]
    public void Render_ValueNestedTooDeeplyToPrint_FailsCleanly()
    {
        var template = JinjaTemplate.Parse(
            "{% set ns = namespace(x=[]) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}");

        var error = Assert.Throws<TemplateLimitExceededException>(() => template.Render(NoVariables));

        Assert.Equal(TemplateLimit.ValueNesting, error.Limit);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("not ", "")]
    [InlineData("-", "")]
    public void Parse_ExpressionNestedThousandsDeep_IsASyntaxErrorNotACrash(string open, string close)
    {
        var source = "{{ " + string.Concat(Enumerable.Repeat(open, 5000)) + "1" + string.Concat(Enumerable.Repeat(close, 5000)) + " }}";

        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse(source));

        Assert.Contains("nests more than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChainOfTenThousandAdditions_IsASyntaxErrorNotACrash()
    {
        var source = "{{ 1" + string.Concat(Enumerable.Repeat(" + 1", 10_000)) + " }}";

        Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse(source));
    }

    [Fact]
    public void Render_LongChainWithinTheNestingLimit_Evaluates()
    {
        var source = "{{ 1" + string.Concat(Enumerable.Repeat(" + 1", 300)) + " }}";

        Assert.Equal("301", JinjaTemplate.Parse(source).Render(NoVariables));
    }

    [Fact]
    public void JinjaRenderOptions_NonPositiveLimit_IsRejected()
    {
        var template = JinjaTemplate.Parse("x");

        Assert.Throws<ArgumentOutOfRangeException>(() => template.Render(NoVariables, new JinjaRenderOptions { MaxOutputLength = 0 }));
    }
}
