using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>Schemas Microsoft.Extensions.AI derives from C# types, as GetResponseAsync&lt;T&gt; will send them.</summary>
public sealed class DotNetTypeSchemaTests(NativeGrammarFixture native) : IClassFixture<NativeGrammarFixture>
{
    public enum Sky
    {
        Clear,
        Cloudy,
        Storm,
    }

    public sealed record Location(double Latitude, double Longitude);

    public sealed record WeatherReport(
        string City,
        int TemperatureCelsius,
        double Humidity,
        bool Raining,
        DateTimeOffset ObservedAt,
        Guid StationId,
        Sky Conditions,
        List<string> Alerts,
        int? WindSpeed,
        Location Where);

    [Fact]
    public void Convert_SchemaOfARecord_EveryRandomWalkValidatesAndDeserializes()
    {
        // The derived schema says only "integer" for int; the grammar writes up to 16 digits, so
        // the Int32 range has to be stated for outputs to deserialize.
        var options = new AIJsonSchemaCreateOptions { TransformSchemaNode = AddInt32Range };
        var schema = AIJsonUtilities.CreateJsonSchema(typeof(WeatherReport), serializerOptions: AIJsonUtilities.DefaultOptions, inferenceOptions: options).GetRawText();
        var gbnf = JsonSchemaGrammarConverter.Convert(schema);
        var grammar = GbnfGrammar.Parse(gbnf.Text);
        var sampler = new GbnfSampler(grammar, seed: 2024);

        for (var i = 0; i < 40; i++)
        {
            var text = sampler.Sample();
            Assert.True(SchemaValidation.IsValid(schema, text), text);
            var report = JsonSerializer.Deserialize<WeatherReport>(text, AIJsonUtilities.DefaultOptions);
            Assert.NotNull(report?.Where);
        }

        Assert.True(native.Accepts(gbnf));
    }

    [Fact]
    public void Convert_SchemaOfARecordWithoutRanges_ValidatesButCanOverflowInt32()
    {
        var schema = AIJsonUtilities.CreateJsonSchema(typeof(WeatherReport)).GetRawText();
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(JsonSchemaGrammarConverter.Convert(schema).Text));
        const string overflowing = """
            {"city":"x","temperatureCelsius":99999999999,"humidity":1,"raining":true,"observedAt":"2024-01-01T00:00:00Z",
             "stationId":"123e4567-e89b-12d3-a456-426614174000","conditions":"Clear","alerts":[],"windSpeed":null,"where":{"latitude":1,"longitude":2}}
            """;

        Assert.True(matcher.Matches(overflowing));
        Assert.True(SchemaValidation.IsValid(schema, overflowing));
    }

    private static JsonNode AddInt32Range(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        if ((context.TypeInfo.Type == typeof(int) || context.TypeInfo.Type == typeof(int?)) && schema is JsonObject obj)
        {
            obj["minimum"] = int.MinValue;
            obj["maximum"] = int.MaxValue;
        }

        return schema;
    }
}
