using System.Text;
using System.Text.Json.Nodes;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// Schemas from requests nested, chained or sized far past any limit, run in the test process so
/// that unbounded recursion would crash the test host instead of passing quietly.
/// </summary>
public sealed class HostileSchemaTests(NativeGrammarFixture native) : IClassFixture<NativeGrammarFixture>
{
    private const int FarPastAnyLimit = 100_000;

    private static readonly GrammarLimits HugeSchemasAllowed = new() { MaxSchemaLength = int.MaxValue, MaxSchemaNodes = int.MaxValue };

    [Fact]
    public void Convert_SchemaText100000LevelsDeep_ThrowsNamingTheDepthLimit()
    {
        var schema = string.Concat(Enumerable.Repeat("{\"items\":", FarPastAnyLimit)) + "{}" + new string('}', FarPastAnyLimit);

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema, HugeSchemasAllowed));

        Assert.Contains("nests deeper than 64 levels", error.Message, StringComparison.Ordinal);
        Assert.Contains("GrammarLimits.MaxSchemaDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_SchemaObject100000LevelsDeep_ThrowsNamingTheDepthLimit()
    {
        JsonNode schema = new JsonObject { ["type"] = "integer" };
        for (var i = 0; i < FarPastAnyLimit; i++)
        {
            schema = new JsonObject { ["type"] = "array", ["items"] = schema };
        }

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema, HugeSchemasAllowed));

        Assert.Contains("GrammarLimits.MaxSchemaDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_ChainOf100000References_ThrowsNamingTheDepthLimit()
    {
        var schema = new StringBuilder("{\"$ref\":\"#/$defs/d0\",\"$defs\":{");
        for (var i = 0; i < FarPastAnyLimit; i++)
        {
            schema.Append("\"d").Append(i).Append("\":{\"$ref\":\"#/$defs/d").Append(i + 1).Append("\"},");
        }

        schema.Append("\"d").Append(FarPastAnyLimit).Append("\":{\"type\":\"integer\"}}}");

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema.ToString(), HugeSchemasAllowed));

        Assert.Contains("nests deeper than 64 levels here", error.Message, StringComparison.Ordinal);
        Assert.Contains("$ref", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_ReferenceCycle_ThrowsInsteadOfLooping()
    {
        const string schema = """{"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"null"}]}}}""";

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema));

        Assert.Equal("$ref", error.Keyword);
        Assert.Contains("refers back to itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_30000Properties_ThrowsNamingThePropertyLimit()
    {
        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(ObjectSchema(30_000, required: true, valueSchema: "{}")));

        Assert.Equal("properties", error.Keyword);
        Assert.Contains("more than 10000 object properties in all (GrammarLimits.MaxProperties)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Convert_PropertiesAtTheLimit_GiveAGrammarLlamaCppAccepts(bool required)
    {
        var count = required ? GrammarLimits.Default.MaxProperties : GrammarLimits.Default.MaxOptionalProperties;
        var gbnf = JsonSchemaGrammarConverter.Convert(ObjectSchema(count, required));

        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_MoreOptionalPropertiesThanTheLimit_ThrowsSayingToRequireThem()
    {
        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(ObjectSchema(GrammarLimits.Default.MaxOptionalProperties + 1, required: false)));

        Assert.Equal("properties", error.Keyword);
        Assert.Contains("GrammarLimits.MaxOptionalProperties", error.Message, StringComparison.Ordinal);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_ManyOptionalProperties_StillMatchesAnySubsetInOrder()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert(ObjectSchema(37, required: false));
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(matcher.Matches("{}"));
        Assert.True(matcher.Matches("""{"p0":"x"}"""));
        Assert.True(matcher.Matches("""{"p36":"x"}"""));
        Assert.True(matcher.Matches("""{"p3":"x","p17":"y","p36":"z"}"""));
        Assert.False(matcher.Matches("""{"p17":"y","p3":"x"}"""));
        Assert.False(matcher.Matches("""{"p3":"x","p3":"x"}"""));
        Assert.False(matcher.Matches("""{"p37":"x"}"""));
    }

    [Fact]
    public void Convert_MaxPropertiesOverThousandsOfOptionalProperties_ThrowsNamingTheRuleLimit()
    {
        var schema = JsonNode.Parse(ObjectSchema(5000, required: false))!.AsObject();
        schema["maxProperties"] = 4000;

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema, new GrammarLimits { MaxOptionalProperties = 5000 }));

        Assert.Equal("maxProperties", error.Keyword);
        Assert.Contains("GrammarLimits.MaxGrammarRules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_ThousandsOfTupleItems_StayShallowAndLlamaCppAcceptsThem()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"type":"integer"}""", 5000));
        var gbnf = JsonSchemaGrammarConverter.Convert($$"""{"type":"array","prefixItems":[{{items}}],"minItems":2000}""");

        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_AdditionalPropertiesBesideAVeryLongName_StaysShallow()
    {
        var name = new string('n', 50_000);
        var gbnf = JsonSchemaGrammarConverter.Convert("{\"type\":\"object\",\"properties\":{\"" + name + "\":{\"type\":\"integer\"}},\"additionalProperties\":{\"type\":\"integer\"}}");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(matcher.Matches("""{"other":1}"""));
        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_SchemaLongerThanTheLimit_ThrowsNamingIt()
    {
        var schema = $$"""{"description":"{{new string('d', GrammarLimits.Default.MaxSchemaLength)}}"}""";

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema));

        Assert.Contains("GrammarLimits.MaxSchemaLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_HugeEnumPastTheGrammarLength_ThrowsNamingIt()
    {
        var limits = new GrammarLimits { MaxGrammarLength = 10_000 };
        var values = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"value-{i}\""));

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert($$"""{"enum":[{{values}}]}""", limits));

        Assert.Contains("GrammarLimits.MaxGrammarLength", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"array","minItems":2147483647}""")]
    [InlineData("""{"type":"array","items":{"enum":["a long enum value, copied by llama.cpp once per repetition"]},"minItems":1999,"maxItems":2000000000}""")]
    [InlineData("""{"type":"string","minLength":2000000000}""")]
    [InlineData("""{"type":"number","minimum":-9999999999999999.9999999,"maximum":9999999999999998.99999999}""")]
    [InlineData("""{"type":"integer","minimum":-1234567890123456,"maximum":6543210987654321}""")]
    public void Convert_HugeCountsAndRanges_StayASmallGrammarLlamaCppAccepts(string schema)
    {
        var gbnf = JsonSchemaGrammarConverter.Convert(schema);

        Assert.True(gbnf.Text.Count(c => c == '\n') < 30, gbnf.Text);
        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_AllOfTwoHugeEnums_KeepsExactlyTheCommonValues()
    {
        var low = string.Join(",", Enumerable.Range(0, 50_000));
        var high = string.Join(",", Enumerable.Range(25_000, 50_000));
        var gbnf = JsonSchemaGrammarConverter.Convert($$"""{"allOf":[{"enum":[{{low}}]},{"enum":[{{high}}]}]}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(matcher.Matches("30000"));
        Assert.False(matcher.Matches("10"));
        Assert.False(matcher.Matches("60000"));
    }

    [Fact]
    public void Convert_EnumsEqualAsJson_AreCommonThoughWrittenDifferently()
    {
        var gbnf = JsonSchemaGrammarConverter.Convert("""{"allOf":[{"enum":[1.0,{"a":1,"b":[2]}]},{"enum":[1,{"b":[2.00],"a":1}]}]}""");
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));

        Assert.True(matcher.Matches("1.0"));
        Assert.True(matcher.Matches("""{"a":1,"b":[2]}"""));
    }

    [Fact]
    public void Convert_OneOfWithThousandsOfBranches_ThrowsBeforeComparingEveryPair()
    {
        var branches = string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"const":{{i}}}"""));

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert($$"""{"oneOf":[{{branches}}]}"""));

        Assert.Equal("oneOf", error.Keyword);
        Assert.Contains("more than 64 alternatives", error.Message, StringComparison.Ordinal);
    }

    internal static string ObjectSchema(int count, bool required, string valueSchema = """{"type":"string"}""")
    {
        var text = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        text.AppendJoin(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\":{valueSchema}"));
        text.Append("},\"additionalProperties\":false");
        if (required)
        {
            text.Append(",\"required\":[").AppendJoin(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\"")).Append(']');
        }

        return text.Append('}').ToString();
    }
}
