using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

public sealed class TemplateErrorTests
{
    private static string Render(string source, Dictionary<string, object?>? variables = null) =>
        JinjaTemplate.Parse(source).Render(variables ?? []);

    [Fact]
    public void Parse_UnexpectedCharacter_ReportsLineAndColumn()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("first line\n  {{ a ! b }}"));

        Assert.Equal(2, error.Line);
        Assert.Equal(8, error.Column);
        Assert.Equal("unexpected char '!' at 18", error.Reason);
        Assert.Equal("unexpected char '!' at 18 (line 2, column 8)", error.Message);
    }

    [Fact]
    public void Parse_UnclosedIf_NamesTheMissingTagsAtTheEnd()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("a\n{% if x %}\nbody"));

        Assert.Equal(
            "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
            error.Reason);
        Assert.Equal(3, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void Parse_MismatchedEndTag_ExplainsTheNestingMistake()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("{% for x in y %}\n{% endif %}"));

        Assert.Equal(
            "Encountered unknown tag 'endif'. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.",
            error.Reason);
        Assert.Equal(2, error.Line);
        Assert.Equal(4, error.Column);
    }

    [Fact]
    public void Parse_UnknownFilter_PointsAtTheFilterName()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("x\n  {{ name | shout }}"));

        Assert.Equal("No filter named 'shout'.", error.Reason);
        Assert.Equal(2, error.Line);
        Assert.Equal(13, error.Column);
    }

    [Fact]
    public void Render_UnknownFilterInsideIf_FailsOnlyWhenTheBranchRuns()
    {
        var template = JinjaTemplate.Parse("{% if flag %}{{ name | shout }}{% endif %}ok");

        Assert.Equal("ok", template.Render(new Dictionary<string, object?> { ["flag"] = false }));
        var error = Assert.Throws<TemplateRenderException>(() => template.Render(new Dictionary<string, object?> { ["flag"] = true }));
        Assert.Equal("No filter named 'shout' found.", error.Message);
    }

    [Fact]
    public void Parse_BreakOutsideLoop_IsASyntaxError()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("{% if x %}{% break %}{% endif %}"));

        Assert.Equal("'break' outside loop", error.Reason);
    }

    [Fact]
    public void Parse_IncludeTag_IsRefusedWithTheReason()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => JinjaTemplate.Parse("{% include 'other.jinja' %}"));

        Assert.Contains("without a loader", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConcatenatingStringAndInteger_RaisesPythonsTypeErrorWithTheLine()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Render("line one\n{{ 'a' + 1 }}"));

        Assert.Equal("TypeError", error.ErrorType);
        Assert.Equal("can only concatenate str (not \"int\") to str", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Render_ErrorInsideMacro_ReportsTheLineInTheMacro()
    {
        const string source = "{% macro m(x) %}\n{{ x.y.z }}\n{% endmacro %}\n{{ m({}) }}";

        var error = Assert.Throws<TemplateRenderException>(() => Render(source));

        Assert.Equal("UndefinedError", error.ErrorType);
        Assert.Equal("'dict object' has no attribute 'y'", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Render_RaiseException_MessageIsExactlyTheTemplatesText()
    {
        var error = Assert.Throws<TemplateRaisedException>(() => Render("{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"));

        Assert.Equal("Conversation roles must alternate user/assistant/user/assistant/...", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Render_ListAppend_IsRefusedByTheImmutableSandbox()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Render("{% set items = [] %}{{ items.append(1) }}"));

        Assert.Equal("SecurityError", error.ErrorType);
        Assert.Equal("access to attribute 'append' of 'list' object is unsafe.", error.Message);
    }

    [Fact]
    public void Render_AttributeOfUndefined_RaisesButPrintingUndefinedDoesNot()
    {
        Assert.Equal("[]", Render("[{{ missing }}]"));
        Assert.Equal("'missing' is undefined", Assert.Throws<TemplateRenderException>(() => Render("{{ missing.attribute }}")).Message);
    }

    [Fact]
    public void Render_IteratingNone_RaisesLikePython()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Render("{% for t in tools %}{% endfor %}", new() { ["tools"] = null }));

        Assert.Equal("'NoneType' object is not iterable", error.Message);
    }
}
