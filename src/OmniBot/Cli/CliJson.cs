using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Cli;

/// <summary>JSON settings shared by every <c>--json</c> output: camelCase names, enums as strings, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
