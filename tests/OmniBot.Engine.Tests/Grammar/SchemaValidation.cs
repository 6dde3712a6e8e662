using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>Validates JSON against a schema with JsonSchema.Net, formats asserted.</summary>
internal static class SchemaValidation
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.Flag };

    public static bool IsValid(string schemaJson, string instanceJson)
    {
        var schema = Schemas.GetOrAdd(schemaJson, text => JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        using var document = JsonDocument.Parse(instanceJson);
        return schema.Evaluate(document.RootElement, Options).IsValid;
    }
}
