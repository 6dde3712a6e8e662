using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// One way a value can satisfy a schema once <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> are resolved:
/// either a schema without combinators or a bare <c>$ref</c> kept as a reference (so recursive
/// schemas become recursive rules). <see cref="Path"/> is where it came from, for error messages.
/// </summary>
internal sealed record SchemaAlternative(JsonObject Schema, string Path)
{
    public string? Reference =>
        Schema.Count == 1 && Schema["$ref"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
