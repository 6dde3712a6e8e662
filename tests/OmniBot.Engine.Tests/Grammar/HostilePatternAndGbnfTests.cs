using System.Text;
using System.Text.Json;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// Patterns and GBNF from requests nested far past any limit. These run in the test process on
/// purpose: a parser that recursed once per level would overflow the stack and take the whole
/// test host down, which no catch can hide.
/// </summary>
public sealed class HostilePatternAndGbnfTests(NativeGrammarFixture native, NativeGrammarRunner runner) : IClassFixture<NativeGrammarFixture>, IClassFixture<NativeGrammarRunner>
{
    private const int FarPastAnyLimit = 100_000;

    private static readonly GrammarLimits LongPatternsAllowed = new() { MaxPatternLength = int.MaxValue, MaxSchemaLength = int.MaxValue };

    [Fact]
    public void Convert_PatternNested100000GroupsDeep_ThrowsNamingTheGroupLimit()
    {
        var pattern = new string('(', FarPastAnyLimit) + "a" + new string(')', FarPastAnyLimit);

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(StringSchema(pattern), LongPatternsAllowed));

        Assert.Equal("pattern", error.Keyword);
        Assert.Contains("pattern nests deeper than 256 groups at offset 256", error.Message, StringComparison.Ordinal);
        Assert.Contains("GrammarLimits.MaxPatternDepth", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 1000, "the message quotes only the start of a huge pattern");
    }

    [Fact]
    public void Convert_PatternAtTheGroupLimit_GivesAGrammarLlamaCppRunsCorrectly()
    {
        var depth = GrammarLimits.Default.MaxPatternDepth;
        var pattern = "^" + string.Concat(Enumerable.Repeat("(?:a", depth)) + string.Concat(Enumerable.Repeat(")?", depth)) + "$";

        var gbnf = JsonSchemaGrammarConverter.Convert(StringSchema(pattern));

        Assert.True(native.Accepts(gbnf));
        Assert.True(runner.Accepts(gbnf, "\"aaa\""));
        Assert.False(runner.Accepts(gbnf, "\"ab\""));
    }

    [Fact]
    public void Convert_DefaultLimits_RefuseAPatternLongerThanTheLimit()
    {
        var pattern = new string('a', GrammarLimits.Default.MaxPatternLength + 1);

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(StringSchema(pattern)));

        Assert.Contains("GrammarLimits.MaxPatternLength", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^a{1000000}$")]
    [InlineData("^a{2,1000000}$")]
    public void Convert_PatternRepetitionPastTheLimit_ThrowsNamingIt(string pattern)
    {
        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(StringSchema(pattern)));

        Assert.Contains("above the limit of 100000 (GrammarLimits.MaxPatternRepetition)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_LongLiteralRepeatedOftenInAPattern_BecomesOneRuleLlamaCppCopiesCheaply()
    {
        var word = new string('w', 5000);
        var gbnf = JsonSchemaGrammarConverter.Convert(StringSchema("^(?:" + word + "){2000}$"));

        Assert.Equal(1, CountOf(gbnf.Text, word));
        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_PatternWithAHugeClassAndThousandsOfClasses_GivesAGrammarLlamaCppAccepts()
    {
        var hugeClass = "[" + string.Concat(Enumerable.Range(0x4E00, 20_000).Select(c => (char)c)) + "]";
        var manyClasses = string.Concat(Enumerable.Repeat("[a-c]", 10_000));
        var schema = JsonSerializer.Serialize(new { type = "string", pattern = "^" + hugeClass + manyClasses + "$", minLength = 1 });

        var gbnf = JsonSchemaGrammarConverter.Convert(schema);

        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Parse_Grammar100000GroupsDeep_ThrowsNamingTheLimit()
    {
        var text = "root ::= " + new string('(', FarPastAnyLimit) + "\"a\"" + new string(')', FarPastAnyLimit) + "\n";

        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text));

        Assert.Contains("nests deeper than 1024 groups", error.Problem, StringComparison.Ordinal);
        Assert.Equal((1, 10 + 1024), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_GroupsNestedUpToTheLimit_ParseAndLlamaCppAcceptsThem()
    {
        var depth = GrammarLimits.Default.MaxGrammarDepth;
        var text = "root ::= \"x\" " + new string('(', depth) + "\"a\"" + new string(')', depth) + "\n";

        var grammar = GbnfGrammar.Parse(text);

        Assert.True(native.Accepts(grammar.ToGbnf()));
    }

    [Fact]
    public void Parse_100000ChainedQuantifiers_ThrowsNamingTheLimit()
    {
        var text = "root ::= \"a\"" + new string('?', FarPastAnyLimit) + "\n";

        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text));

        Assert.Contains("GrammarLimits.MaxGrammarDepth", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChainOf50000RulesEachStartingWithTheNext_ThrowsNamingTheLimit()
    {
        const int Count = 50_000;
        var text = new StringBuilder("root ::= r0\n");
        for (var i = 0; i < Count - 1; i++)
        {
            text.Append('r').Append(i).Append(" ::= r").Append(i + 1).Append('\n');
        }

        text.Append('r').Append(Count - 1).Append(" ::= \"end\"\n");

        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text.ToString()));

        Assert.Contains("opens more than 1024 rules", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongLiteralRepeatedTheMaximumTimes_ThrowsNamingTheElementLimit()
    {
        var text = "root ::= \"" + new string('a', 10_000) + "\"{1999}\n";

        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text));

        Assert.Contains("GrammarLimits.MaxGrammarElements", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreRulesThanTheLimit_ThrowsNamingIt()
    {
        var limits = new GrammarLimits { MaxGrammarRules = 1000 };
        var text = new StringBuilder("root ::= \"a\"\n");
        for (var i = 0; i < 1000; i++)
        {
            text.Append('r').Append(i).Append(" ::= \"a\"\n");
        }

        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text.ToString(), limits: limits));

        Assert.Contains("more than 1000 rules (GrammarLimits.MaxGrammarRules)", error.Problem, StringComparison.Ordinal);
        Assert.Equal(1001, error.Line);
    }

    [Fact]
    public void Parse_TextLongerThanTheLimit_ThrowsNamingIt()
    {
        var text = "root ::= \"" + new string('a', GrammarLimits.Default.MaxGrammarLength) + "\"\n";

        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text));

        Assert.Contains("GrammarLimits.MaxGrammarLength", error.Problem, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static string StringSchema(string pattern) => JsonSerializer.Serialize(new { type = "string", pattern });
}
