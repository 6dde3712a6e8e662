using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

public sealed class JsonSchemaGrammarConverterTests(NativeGrammarFixture native) : IClassFixture<NativeGrammarFixture>
{
    public static TheoryData<string, string, string> Unsupported => new()
    {
        { """{"type":"object","properties":{"a":{"not":{"type":"string"}}}}""", "not", "/properties/a" },
        { """{"if":{"type":"string"},"then":{"minLength":1}}""", "if", "" },
        { """{"type":"number","multipleOf":3}""", "multipleOf", "" },
        { """{"type":"object","patternProperties":{"^x":{}}}""", "patternProperties", "" },
        { """{"type":"array","items":{"type":"array","contains":{"type":"integer"}}}""", "contains", "/items" },
        { """{"type":"array","uniqueItems":true}""", "uniqueItems", "" },
        { """{"type":"string","format":"hostname"}""", "format", "" },
        { """{"type":"string","nullable":true}""", "nullable", "" },
        { """{"$ref":"https://example.com/schema.json"}""", "$ref", "" },
        { """{"anyOf":[{"$ref":"#/$defs/missing"}]}""", "$ref", "/anyOf/0" },
        { """{"oneOf":[{"type":"integer"},{"type":"number"}]}""", "oneOf", "" },
        { """{"oneOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"b":{"type":"string"}}}]}""", "oneOf", "" },
        { """{"type":"string","pattern":"(?=a)b"}""", "pattern", "" },
        { """{"type":"string","pattern":"(a)\\1"}""", "pattern", "" },
        { """{"type":"string","pattern":"^a$b"}""", "pattern", "" },
        { """{"type":"string","pattern":"^(a*)*$"}""", "pattern", "" },
        { """{"type":"string","format":"email","maxLength":20}""", "maxLength", "" },
        { """{"type":"string","format":"uuid","minLength":40}""", "minLength", "" },
        { """{"type":"string","pattern":"^a+$","maxLength":5}""", "maxLength", "" },
        { """{"enum":["a","bb"],"minLength":2}""", "minLength", "" },
        { """{"allOf":[{"pattern":"^a"},{"pattern":"b$"}]}""", "pattern", "" },
        { """{"type":"integer","minimum":10,"maximum":5}""", "minimum", "" },
        { """{"type":"integer","exclusiveMinimum":3,"exclusiveMaximum":4}""", "minimum", "" },
        { """{"type":"integer","minimum":1e20}""", "minimum", "" },
        { """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false,"minProperties":2}""", "minProperties", "" },
        { """{"type":"object","properties":{"a/b":{"type":"string","dependentRequired":{}}}}""", "dependentRequired", "/properties/a~1b" },
        { """{"type":"object","properties":{"a":false},"required":["a"]}""", "required", "" },
        { """{"$defs":{"a":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"null"}]}},"$ref":"#/$defs/a"}""", "$ref", "" },
        { """{"$defs":{"a":{"allOf":[{"$ref":"#/$defs/a"}],"type":"object"}},"$ref":"#/$defs/a"}""", "$ref", "/$defs/a" },
        { "false", "schema", "" },
        { "[1]", "schema", "" },
        { "{\"type\":", "schema", "" },
        { """{"type":"strings"}""", "type", "" },
        { """{"type":"string","maxLength":"5"}""", "maxLength", "" },
        { """{"type":"array","prefixItems":[{"type":"integer"}],"items":false,"minItems":2}""", "minItems", "" },
        { """{"enum":[1,2],"type":"string"}""", "enum", "" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Convert_SchemaTheGrammarCannotEnforce_ThrowsNamingKeywordAndPath(string schema, string keyword, string path)
    {
        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema));

        Assert.Equal(keyword, error.Keyword);
        Assert.Equal(path, error.Path);
        Assert.Contains($"'{keyword}' at '#{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_AnyOverload_GivesTheSameGrammar()
    {
        const string schema = """{"type":"object","properties":{"x":{"type":"integer","minimum":0}},"required":["x"]}""";
        using var document = JsonDocument.Parse(schema);

        var fromString = JsonSchemaGrammarConverter.Convert(schema);
        var fromElement = JsonSchemaGrammarConverter.Convert(document.RootElement);
        var fromNode = JsonSchemaGrammarConverter.Convert(JsonNode.Parse(schema)!);

        Assert.Equal(fromString, fromElement);
        Assert.Equal(fromString, fromNode);
        Assert.Equal("root", fromString.RootRule);
        Assert.StartsWith("root ::= ", fromString.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_SchemaWithCombinators_LeavesTheCallersSchemaUntouched()
    {
        var schema = JsonNode.Parse("""
            {"allOf":[{"type":"object","properties":{"a":{"const":1}},"required":["a"]},{"properties":{"b":{"type":"integer","exclusiveMinimum":true,"minimum":0}}}],
             "$defs":{"x":{"items":[{"type":"null"}],"additionalItems":false}}}
            """)!;
        var before = schema.ToJsonString();

        JsonSchemaGrammarConverter.Convert(schema);

        Assert.Equal(before, schema.ToJsonString());
    }

    [Fact]
    public void Convert_Draft4BooleanExclusiveBounds_ExcludeTheBounds()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert("""{"type":"integer","minimum":0,"exclusiveMinimum":true,"maximum":3,"exclusiveMaximum":true}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.Equal([false, true, true, false], new[] { "0", "1", "2", "3" }.Select(matcher.Matches));
    }

    [Fact]
    public void Convert_AnySchema_KeepsWhitespaceBounded()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert("""{"type":"array","items":{"type":"integer"}}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.Contains("space ::= | \" \" | \"\\n\" [ \\t]{0,20}\n", gbnf.Text, StringComparison.Ordinal);
        Assert.True(matcher.Matches("[ 1,\n\t\t2]"));
        Assert.False(matcher.Matches("[  1]"));
        Assert.False(matcher.Matches("[\n" + new string(' ', 21) + "1]"));
    }

    [Fact]
    public void Convert_BoundedNumber_WritesNoExponent()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert("""{"type":"number","minimum":0,"maximum":10}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(matcher.Matches("10"));
        Assert.False(matcher.Matches("1e1"));
    }

    [Fact]
    public void Convert_PropertyNamesWithAnyCharacters_GiveRuleNamesLlamaCppAccepts()
    {
        const string schema = """
            {"type":"object","properties":{"first name":{"type":"string","maxLength":4},"ünïcode":{"type":"integer"},"a/b~c\"d":{"type":"boolean"},"string":{"type":"null"}},
             "required":["first name","ünïcode","a/b~c\"d","string"]}
            """;

        var gbnf = JsonSchemaGrammarConverter.Convert(schema);
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(matcher.Matches("""{"first name":"Al","ünïcode":1,"a/b~c\"d":true,"string":null}"""));
        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_RecursiveReference_BecomesARecursiveRule()
    {
        const string schema = """
            {"$defs":{"list":{"type":"object","properties":{"head":{"type":"integer"},"tail":{"anyOf":[{"$ref":"#/$defs/list"},{"type":"null"}]}},"required":["head","tail"]}},
             "$ref":"#/$defs/list"}
            """;

        var gbnf = JsonSchemaGrammarConverter.Convert(schema);
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.Contains("list ::= ", gbnf.Text, StringComparison.Ordinal);
        Assert.True(matcher.Matches("""{"head":1,"tail":{"head":2,"tail":{"head":3,"tail":null}}}"""));
        Assert.False(matcher.Matches("""{"head":1,"tail":{"head":2}}"""));
    }

    [Fact]
    public void Convert_RepetitionsAboveLlamaCppsLimit_AreSplitIntoChunks()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert("""{"type":"array","items":{"const":0},"minItems":2100,"maxItems":4600}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.DoesNotContain("{2100", gbnf.Text, StringComparison.Ordinal);
        Assert.True(matcher.Matches(ArrayOfZeros(2100)));
        Assert.True(matcher.Matches(ArrayOfZeros(4600)));
        Assert.True(matcher.Matches(ArrayOfZeros(3333)));
        Assert.False(matcher.Matches(ArrayOfZeros(2099)));
        Assert.False(matcher.Matches(ArrayOfZeros(4601)));
        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_HugeMaxLength_StaysASmallGrammarThatStillCounts()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert("""{"type":"string","minLength":1,"maxLength":2147483647}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(gbnf.Text.Count(c => c == '\n') < 20, gbnf.Text);
        Assert.True(matcher.Matches("\"abc\""));
        Assert.False(matcher.Matches("\"\""));
        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_OneOfWithoutOverlap_IsAccepted()
    {
        const string schema = """
            {"oneOf":[{"type":"string","maxLength":3},{"type":"integer","maximum":0},{"type":"integer","minimum":1},
                      {"type":"object","properties":{"a":{"type":"null"}},"required":["a"],"additionalProperties":false},
                      {"type":"object","properties":{"b":{"type":"null"}},"required":["b"],"additionalProperties":false}]}
            """;

        var gbnf = JsonSchemaGrammarConverter.Convert(schema);
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.All(new[] { "\"abc\"", "-4", "7", """{"a":null}""", """{"b":null}""" }, s => Assert.True(matcher.Matches(s), s));
        Assert.False(matcher.Matches("""{"a":null,"b":null}"""));
    }

    private static string ArrayOfZeros(int count) => "[" + string.Join(",", Enumerable.Repeat("0", count)) + "]";
}
