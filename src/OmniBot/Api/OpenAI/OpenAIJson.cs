using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Api.OpenAI;

/// <summary>
/// JSON as OpenAI's API writes it: snake_case names, absent optional fields left out, names matched exactly
/// (a misspelled field is an unknown field, not a silent alias).
/// </summary>
public static class OpenAIJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
