using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Server;

/// <summary>JSON for the server's own endpoints: camelCase names and enums as camelCase strings, as <c>omnibot hw --json</c>.</summary>
public static class ServerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
