using System.Globalization;

namespace OmniBot.Api.Ollama.Models;

/// <summary>A parameter count the way Ollama shows it: "7.6B", "8B", "494.03M", "22M", "150K".</summary>
internal static class OllamaParameterSize
{
    public static string Format(long parameters) => parameters switch
    {
        >= 1_000_000_000 => Scaled(parameters / 1e9, "B", decimals: 1),
        >= 1_000_000 => Scaled(parameters / 1e6, "M", decimals: 2),
        >= 1_000 => Math.Round(parameters / 1e3).ToString("0", CultureInfo.InvariantCulture) + "K",
        _ => Math.Max(0, parameters).ToString(CultureInfo.InvariantCulture),
    };

    private static string Scaled(double value, string unit, int decimals) =>
        (value == Math.Floor(value) ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("F" + decimals, CultureInfo.InvariantCulture)) + unit;
}
