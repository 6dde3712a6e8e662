using System.Text.Json;

namespace OmniBot.Api.OpenAI;

/// <summary>
/// llama.cpp's <c>ignore_eos</c>: the model's end-of-generation tokens are banned, so the reply runs until its token
/// limit (what benchmarks and load tests want).
/// </summary>
internal static class IgnoreEos
{
    public const string Field = "ignore_eos";

    public static bool Requested(IReadOnlyDictionary<string, JsonElement>? extra) =>
        extra is not null && extra.TryGetValue(Field, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The request's logit biases with every end-of-generation token banned.</summary>
    public static Dictionary<int, float> Ban(IReadOnlyDictionary<int, float>? bias, IEnumerable<int> endOfGeneration)
    {
        ArgumentNullException.ThrowIfNull(endOfGeneration);
        var result = bias?.ToDictionary() ?? [];
        foreach (var token in endOfGeneration)
        {
            result[token] = float.NegativeInfinity;
        }

        return result;
    }
}
