using System.Text.Json;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>Behaviour of the converted grammars over <see cref="SchemaSuite"/>, judged by JsonSchema.Net.</summary>
public sealed class SchemaSuiteTests(NativeGrammarFixture native) : IClassFixture<NativeGrammarFixture>
{
    private const int WalksPerSchema = 60;

    [Theory]
    [MemberData(nameof(SchemaSuite.Names), MemberType = typeof(SchemaSuite))]
    public void Convert_SuiteSchema_AcceptsEveryValidSample(string name)
    {
        var schemaCase = SchemaSuite.Get(name);
        var matcher = new GbnfMatcher(Parse(schemaCase));
        foreach (var sample in schemaCase.Valid)
        {
            Assert.True(SchemaValidation.IsValid(schemaCase.Schema, sample), $"test data: {sample} should be valid");
            Assert.True(matcher.Matches(sample), $"grammar rejected valid {sample}");
        }
    }

    [Theory]
    [MemberData(nameof(SchemaSuite.Names), MemberType = typeof(SchemaSuite))]
    public void Convert_SuiteSchema_RejectsEveryInvalidSample(string name)
    {
        var schemaCase = SchemaSuite.Get(name);
        var matcher = new GbnfMatcher(Parse(schemaCase));
        foreach (var sample in schemaCase.Invalid)
        {
            Assert.False(IsJson(sample) && SchemaValidation.IsValid(schemaCase.Schema, sample), $"test data: {sample} should be invalid");
            Assert.False(matcher.Matches(sample), $"grammar accepted invalid {sample}");
        }
    }

    [Theory]
    [MemberData(nameof(SchemaSuite.Names), MemberType = typeof(SchemaSuite))]
    public void Convert_SuiteSchema_RejectsValuesOutsideItsDeliberateNarrowing(string name)
    {
        var schemaCase = SchemaSuite.Get(name);
        var matcher = new GbnfMatcher(Parse(schemaCase));
        foreach (var sample in schemaCase.Tighter ?? [])
        {
            Assert.True(SchemaValidation.IsValid(schemaCase.Schema, sample), $"test data: {sample} should be schema-valid");
            Assert.False(matcher.Matches(sample), $"grammar accepted {sample}, outside the documented narrowing");
        }
    }

    [Theory]
    [MemberData(nameof(SchemaSuite.Names), MemberType = typeof(SchemaSuite))]
    public void Convert_SuiteSchema_EveryRandomWalkOfTheGrammarValidates(string name)
    {
        var schemaCase = SchemaSuite.Get(name);
        var grammar = Parse(schemaCase);
        var sampler = new GbnfSampler(grammar, seed: name.Length * 7919);
        var matcher = new GbnfMatcher(grammar);
        for (var i = 0; i < WalksPerSchema; i++)
        {
            var text = sampler.Sample();
            Assert.True(matcher.Matches(text), $"sampler and matcher disagree on {text}");
            Assert.True(IsJson(text), $"grammar produced text that is not JSON: {text}");
            Assert.True(SchemaValidation.IsValid(schemaCase.Schema, text), $"grammar produced a value the schema rejects: {text}");
        }
    }

    [Theory]
    [MemberData(nameof(SchemaSuite.Names), MemberType = typeof(SchemaSuite))]
    public void Convert_SuiteSchema_NativeLlamaAcceptsTheGrammar(string name)
    {
        var gbnf = JsonSchemaGrammarConverter.Convert(SchemaSuite.Get(name).Schema);

        Assert.True(native.Accepts(gbnf), $"llama.cpp rejected the grammar:\n{gbnf.Text}");
    }

    private static GbnfGrammar Parse(SchemaCase schemaCase)
    {
        var gbnf = JsonSchemaGrammarConverter.Convert(schemaCase.Schema);
        return GbnfGrammar.Parse(gbnf.Text, gbnf.RootRule);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
