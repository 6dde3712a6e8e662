using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>llama.cpp's grammar engine and the managed matcher agree on every suite sample.</summary>
public sealed class NativeGrammarSemanticsTests(NativeGrammarRunner native) : IClassFixture<NativeGrammarRunner>
{
    [Theory]
    [MemberData(nameof(SchemaSuite.Names), MemberType = typeof(SchemaSuite))]
    public void Convert_SuiteSchema_LlamaCppAcceptsExactlyWhatTheMatcherAccepts(string name)
    {
        var schemaCase = SchemaSuite.Get(name);
        var gbnf = JsonSchemaGrammarConverter.Convert(schemaCase.Schema);
        var grammar = GbnfGrammar.Parse(gbnf.Text);
        var matcher = new GbnfMatcher(grammar);
        var sampler = new GbnfSampler(grammar, seed: 17);
        var texts = schemaCase.Valid.Concat(schemaCase.Invalid).Concat(schemaCase.Tighter ?? [])
            .Concat(Enumerable.Range(0, 8).Select(_ => sampler.Sample()));

        foreach (var text in texts)
        {
            Assert.True(matcher.Matches(text) == native.Accepts(gbnf, text), $"llama.cpp and the matcher disagree on {text}");
        }
    }
}
