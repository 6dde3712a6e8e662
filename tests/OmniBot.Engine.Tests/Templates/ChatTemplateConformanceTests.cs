using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

/// <summary>Every reference template × case renders byte-identical to transformers, or fails where it fails.</summary>
public sealed class ChatTemplateConformanceTests
{
    private static readonly JinjaRenderOptions Options = new() { TimeProvider = new FixedClock(new DateTime(2026, 1, 1)) };

    public static TheoryData<string, string> Pairs() => ReferenceCorpus.Pairs();

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Render_ReferenceCase_MatchesTransformers(string templateName, string caseName)
    {
        var template = JinjaTemplate.Parse(ReferenceCorpus.ReadTemplate(templateName));
        var variables = ReferenceCorpus.Variables(ReferenceCorpus.ReadCase(caseName));
        var expected = ReferenceCorpus.Expected(templateName, caseName);

        if (expected.Text is not null)
        {
            Assert.Equal(expected.Text, template.Render(variables, Options));
        }
        else if (expected.RaisedByTemplate)
        {
            var error = Assert.Throws<TemplateRaisedException>(() => template.Render(variables, Options));
            Assert.Equal(expected.Error, error.Message);
        }
        else
        {
            var error = Assert.Throws<TemplateRenderException>(() => template.Render(variables, Options));
            Assert.Equal(expected.RaisedBy, error.ErrorType);
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ChatTemplateRenderer_ReferenceCase_MatchesTransformersAndCoversTheText(string templateName, string caseName)
    {
        var testCase = ReferenceCorpus.ReadCase(caseName);
        var renderer = new ChatTemplateRenderer(
            JinjaTemplate.Parse(ReferenceCorpus.ReadTemplate(templateName)),
            testCase.GetProperty("bos_token").GetString()!,
            testCase.GetProperty("eos_token").GetString()!);
        var request = ReferenceRequests.FromCase(testCase);
        var expected = ReferenceCorpus.Expected(templateName, caseName);

        if (expected.Text is null)
        {
            var error = Assert.ThrowsAny<TemplateException>(() => renderer.Render(request, Options));
            Assert.Equal(expected.RaisedByTemplate, error is TemplateRaisedException);
            return;
        }

        var prompt = renderer.Render(request, Options);

        Assert.Equal(expected.Text, prompt.Text);
        Assert.Equal(prompt.Text, string.Concat(prompt.Segments.Select(prompt.GetText)));
        Assert.All(prompt.Segments.Zip(prompt.Segments.Skip(1)), pair => Assert.NotEqual(pair.First.IsContent, pair.Second.IsContent));
    }
}
