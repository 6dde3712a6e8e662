using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

public sealed class GbnfGrammarTests(NativeGrammarFixture native) : IClassFixture<NativeGrammarFixture>
{
    public static TheoryData<string, string, string[]> WellFormed => new()
    {
        { "root ::= \"a\" | \"b\"\n", "b", ["c", "ab"] },
        { "root ::= item (\",\" item)*  # a list\nitem ::= [a-z]+ | \"(\" root \")\"\n", "ab,(c,d),e", ["ab,", "(a"] },
        { "root ::= (\n  \"a\"\n  | \"b\" # comment inside a group\n)\n", "a", ["ab"] },
        { "root ::= \"a\" |\n  \"b\"\n", "b", ["|b"] },
        { "root ::= \"\\x41\\u00e9\\U0001F600\\t\\n\\r\\\\\\\"\" [\\[\\]\\x00-\\x1F^-]\n", "Aé😀\t\n\r\\\"^", ["Aé😀\t\n\r\\\"a"] },
        { "root ::= [0-9]{3} \"x\"{1,} \"y\"{0,2} \"z\"{2,}? ws*\nws ::= [ \\t]\n", "123xxyzz \t", ["12x", "123xyyyz"] },
        { "root ::= . .*\n", "any text ✓", [""] },
        { "root ::= | \"a\" root\n", "aaa", ["b"] },
        { "root ::= a\r\na ::= \"x\"\r\n", "x", ["xx"] },
        { "root ::= \"héllo 😀\" [à-ü]\n", "héllo 😀é", ["hello 😀é"] },
        { "root ::= [^a-c]+\n", "xyz", ["xaz"] },
    };

    /// <summary>Grammars llama.cpp rejects too (it logs and returns no sampler).</summary>
    public static TheoryData<string, int, int, string> Broken => new()
    {
        { "root ::= foo\n", 1, 10, "'foo' is used but never defined" },
        { "root := \"a\"\n", 1, 6, "expected '::='" },
        { "root ::= \"abc\n", 1, 10, "unterminated string literal" },
        { "root ::= \"\\q\"\n", 1, 11, "unknown escape" },
        { "root ::= [a-z\n", 1, 10, "unterminated character class" },
        { "root ::= (\"a\" \"b\"\n", 2, 1, "expected ')'" },
        { "root ::= *\"a\"\n", 1, 10, "nothing before it to repeat" },
        { "root ::= \"\"*\n", 1, 12, "nothing before it to repeat" },
        { "root ::= \"a\"{2001}\n", 1, 14, "2000 or more" },
        { "root ::= \"a\"{0,2000}\n", 1, 16, "2000 or more" },
        { "item ::= \"a\"\n", 1, 1, "no 'root' rule" },
        { "root ::= root \"a\" | \"b\"\n", 1, 1, "left-recursive" },
        { "root ::= a \"x\"\na ::= | b\nb ::= root\n", 1, 1, "left-recursive" },
        { "root ::= \"a\" \"b\"\n  \"c\"\n", 2, 3, "expected a rule name" },
        { "root ::= \"\\x4\"\n", 1, 11, "2 hex digits" },
        { "root ::= \"a\"{,3}\n", 1, 14, "expected a number" },
        { "root ::= \"a\" <tok>\n", 1, 14, "token references" },
        { "\n\n  # only a comment\n", 1, 1, "empty" },
    };

    /// <summary>Grammars llama.cpp accepts but that would misbehave there, so we refuse them.</summary>
    public static TheoryData<string, int, int, string> Dangerous => new()
    {
        // llama.cpp silently keeps the last definition.
        { "root ::= \"a\"\nroot ::= \"b\"\n", 2, 1, "defined more than once" },
        // llama.cpp treats an empty class as matching nothing at all, an easy way to never finish.
        { "root ::= \"a\" []\n", 1, 14, "empty character class" },
        // llama.cpp hangs while building this grammar.
        { "root ::= \"a\"{2,1}\n", 1, 13, "maximum below its minimum" },
        // llama.cpp accepts these; sampling then recurses without consuming text.
        { "root ::= (\"a\"?)*\n", 1, 1, "can match empty text" },
        { "root ::= x*\nx ::= y\ny ::= | \"a\"\n", 1, 1, "can match empty text" },
        { "root ::= [b-a]\n", 1, 11, "reversed" },
    };

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Parse_WellFormedGrammar_MatchesLikeLlamaCppAndLlamaCppAcceptsIt(string text, string accepted, string[] rejected)
    {
        var grammar = GbnfGrammar.Parse(text);
        var matcher = new GbnfMatcher(grammar);

        Assert.True(matcher.Matches(accepted));
        Assert.All(rejected, r => Assert.False(matcher.Matches(r), r));
        Assert.True(native.Accepts(text));
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Parse_GrammarLlamaCppRejects_ThrowsWithLineAndColumn(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"line {line}, column {column}", error.Message, StringComparison.Ordinal);
        Assert.False(native.Accepts(text));
    }

    [Theory]
    [MemberData(nameof(Dangerous))]
    public void Parse_GrammarThatWouldMisbehaveInLlamaCpp_ThrowsWithLineAndColumn(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<GbnfParseException>(() => GbnfGrammar.Parse(text));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_CustomRootRule_StartsThere()
    {
        var grammar = GbnfGrammar.Parse("start ::= greeting \"!\"\ngreeting ::= \"hi\"\n", "start");

        Assert.Equal("start", grammar.RootRule);
        Assert.Equal(["start", "greeting"], grammar.Rules.Select(r => r.Name));
        Assert.Equal(new GbnfRuleReference("greeting"), ((GbnfSequence)grammar["start"].Body).Items[0]);
        Assert.True(new GbnfMatcher(grammar).Matches("hi!"));
        Assert.True(native.Accepts(grammar.ToGbnf()));
    }

    [Fact]
    public void ToGbnf_ParsedGrammar_KeepsTextAndRoot()
    {
        const string text = "main ::= [a-z]+\n";

        var gbnf = GbnfGrammar.Parse(text, "main").ToGbnf();

        Assert.Equal(text, gbnf.Text);
        Assert.Equal("main", gbnf.RootRule);
    }

    [Fact]
    public void Parse_RuleWithRepetitionsAndClasses_BuildsTheSyntaxTree()
    {
        var grammar = GbnfGrammar.Parse("root ::= [^a-c\\n] \"x\"{2,5} (\"y\" | z)? .\nz ::= \"z\"\n");

        var items = ((GbnfSequence)grammar["root"].Body).Items;
        var characters = Assert.IsType<GbnfCharacterClass>(items[0]);
        Assert.True(characters.Negated);
        Assert.Equal([new GbnfCharacterRange('a', 'c'), new GbnfCharacterRange('\n', '\n')], characters.Ranges);
        Assert.Equal(new GbnfRepetition(new GbnfLiteral("x"), 2, 5), items[1]);
        var optional = Assert.IsType<GbnfRepetition>(items[2]);
        Assert.Equal((0, (int?)1), (optional.Min, optional.Max));
        Assert.IsType<GbnfAlternatives>(optional.Item);
        Assert.IsType<GbnfAnyCharacter>(items[3]);
    }
}
