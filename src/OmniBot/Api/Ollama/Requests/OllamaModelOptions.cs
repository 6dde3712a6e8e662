using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;

namespace OmniBot.Api.Ollama.Requests;

/// <summary>
/// A request's <c>options</c>: the settings the engine knows, checked for type and range. Options Ollama has but
/// the engine does not use (GPU layers, mirostat, mmap, …) are type-checked and ignored; unknown names are
/// ignored, as Ollama does.
/// </summary>
internal sealed record OllamaModelOptions
{
    /// <summary>The smallest and largest <c>num_ctx</c> accepted; larger values than the model was trained for are lowered to its length.</summary>
    public const int MinContextSize = 64;

    public const int MaxContextSize = 1 << 20;

    /// <summary>Ollama's default <c>num_keep</c>.</summary>
    public const int DefaultKeepTokens = 4;

    private static readonly HashSet<string> IgnoredNumbers = new(StringComparer.Ordinal)
    {
        "num_batch", "num_gpu", "main_gpu", "num_thread", "num_gqa", "tfs_z", "mirostat", "mirostat_tau", "mirostat_eta",
    };

    private static readonly HashSet<string> IgnoredBooleans = new(StringComparer.Ordinal)
    {
        "numa", "low_vram", "f16_kv", "logits_all", "vocab_only", "use_mmap", "use_mlock", "penalize_newline",
    };

    public static OllamaModelOptions None { get; } = new();

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public int? TopK { get; init; }

    public float? MinP { get; init; }

    public float? TypicalP { get; init; }

    public float? RepeatPenalty { get; init; }

    public int? RepeatLastN { get; init; }

    public float? PresencePenalty { get; init; }

    public float? FrequencyPenalty { get; init; }

    /// <summary>A fixed seed; Ollama's negative seeds (its default -1) mean a random one and are left null.</summary>
    public long? Seed { get; init; }

    /// <summary>Tokens to generate; null for Ollama's -1 (no limit) and -2 (until the context is full).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>
    /// Set for Ollama's <c>num_predict</c> -1: generation never stops at a full context but shifts it, keeping the
    /// first <see cref="KeepTokens"/> tokens (<c>num_keep</c>); -2 and limits stop when the context is full.
    /// </summary>
    public bool ShiftContext { get; init; }

    /// <summary>Ollama's <c>num_keep</c>: tokens kept at the start when the context shifts.</summary>
    public int KeepTokens { get; init; } = DefaultKeepTokens;

    /// <summary>The context size asked for (<c>num_ctx</c>), per conversation.</summary>
    public int? ContextSize { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    /// <exception cref="OllamaApiException">Not an object, a value of the wrong type, or out of range.</exception>
    public static OllamaModelOptions Parse(JsonElement? options)
    {
        if (options is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return None;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw OllamaApiException.BadRequest("options must be a JSON object such as {\"temperature\": 0.7, \"num_predict\": 128}.");
        }

        var parsed = None;
        foreach (var option in element.EnumerateObject())
        {
            var value = option.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            parsed = option.Name switch
            {
                "temperature" => parsed with { Temperature = Float(option, v => v >= 0, "a number >= 0 (0 is greedy)") },
                "top_p" => parsed with { TopP = Float(option, v => v is > 0 and <= 1, "a number above 0 and at most 1") },
                "top_k" => parsed with { TopK = Int(option, v => v >= 0, "an integer >= 0 (0 turns it off)") },
                "min_p" => parsed with { MinP = Float(option, v => v is >= 0 and <= 1, "a number from 0 to 1") },
                "typical_p" => parsed with { TypicalP = Float(option, v => v is > 0 and <= 1, "a number above 0 and at most 1") },
                "repeat_penalty" => parsed with { RepeatPenalty = Float(option, v => v > 0, "a number above 0 (1 turns it off)") },
                "repeat_last_n" => parsed with { RepeatLastN = Int(option, v => v >= -1, "an integer >= -1 (-1 means the whole context)") },
                "presence_penalty" => parsed with { PresencePenalty = Float(option, _ => true, "a number") },
                "frequency_penalty" => parsed with { FrequencyPenalty = Float(option, _ => true, "a number") },
                "seed" => parsed with { Seed = Long(option) is var seed and >= 0 ? seed : null },
                "num_predict" => WithPredict(parsed, Int(option, v => v >= -2, "an integer >= 0, or -1 for no limit, or -2 to fill the context")),
                "num_keep" => parsed with { KeepTokens = Int(option, v => v >= 0, "an integer >= 0") },
                "num_ctx" => parsed with { ContextSize = Int(option, v => v is >= MinContextSize and <= MaxContextSize, $"an integer from {MinContextSize} to {MaxContextSize}") },
                "stop" => parsed with { Stop = Stops(value) },
                var name when IgnoredNumbers.Contains(name) => CheckNumber(option, parsed),
                var name when IgnoredBooleans.Contains(name) => CheckBoolean(option, parsed),
                _ => parsed,
            };
        }

        return parsed;
    }

    /// <summary>The options for the engine's chat client; settings ChatOptions has no property for go under llama.cpp's names.</summary>
    public ChatOptions ToChatOptions(string modelId)
    {
        var extra = new AdditionalPropertiesDictionary();
        AddIfSet(extra, "min_p", MinP);
        AddIfSet(extra, "typical_p", TypicalP);
        AddIfSet(extra, "repeat_penalty", RepeatPenalty);
        AddIfSet(extra, "repeat_last_n", RepeatLastN);
        AddIfSet(extra, "n_keep", ShiftContext ? KeepTokens : (int?)null);
        return new ChatOptions
        {
            ModelId = modelId,
            Temperature = Temperature,
            TopP = TopP,
            TopK = TopK,
            Seed = Seed,
            MaxOutputTokens = MaxTokens,
            StopSequences = Stop?.ToList(),
            PresencePenalty = PresencePenalty,
            FrequencyPenalty = FrequencyPenalty,
            AdditionalProperties = extra.Count > 0 ? extra : null,
        };
    }

    /// <summary>The options for a raw completion, over the server's sampling defaults.</summary>
    public GenerationOptions ToGenerationOptions(SamplingOptions defaults, Gbnf? grammar)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new GenerationOptions
        {
            Sampling = defaults with
            {
                Temperature = Temperature ?? defaults.Temperature,
                TopP = TopP ?? defaults.TopP,
                TopK = TopK ?? defaults.TopK,
                MinP = MinP ?? defaults.MinP,
                TypicalP = TypicalP ?? defaults.TypicalP,
                RepeatPenalty = RepeatPenalty ?? defaults.RepeatPenalty,
                PenaltyLastN = RepeatLastN ?? defaults.PenaltyLastN,
                PresencePenalty = PresencePenalty ?? defaults.PresencePenalty,
                FrequencyPenalty = FrequencyPenalty ?? defaults.FrequencyPenalty,
                Seed = Seed is { } seed ? unchecked((uint)seed) : defaults.Seed,
            },
            MaxTokens = MaxTokens,
            ContextShiftKeep = ShiftContext ? KeepTokens : null,
            StopSequences = Stop ?? [],
            Grammar = grammar,
        };
    }

    private static OllamaModelOptions WithPredict(OllamaModelOptions parsed, int? predict) => predict is >= 0
        ? parsed with { MaxTokens = predict, ShiftContext = false }
        : parsed with { MaxTokens = null, ShiftContext = predict == -1 };

    private static void AddIfSet<T>(AdditionalPropertiesDictionary extra, string key, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            extra[key] = set;
        }
    }

    private static float Float(JsonProperty option, Func<double, bool> valid, string rule)
    {
        if (option.Value.ValueKind != JsonValueKind.Number || !option.Value.TryGetDouble(out var number) || !double.IsFinite(number) || !valid(number))
        {
            throw Invalid(option, rule);
        }

        return (float)number;
    }

    private static int Int(JsonProperty option, Func<int, bool> valid, string rule)
    {
        if (option.Value.ValueKind != JsonValueKind.Number || !option.Value.TryGetInt32(out var number) || !valid(number))
        {
            throw Invalid(option, rule);
        }

        return number;
    }

    private static long Long(JsonProperty option) =>
        option.Value.ValueKind == JsonValueKind.Number && option.Value.TryGetInt64(out var number) ? number : throw Invalid(option, "an integer");

    private static List<string> Stops(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return NonEmpty([value.GetString()!]);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw OllamaApiException.BadRequest($"option 'stop' must be a list of strings such as [\"\\n\\n\"], not {value.GetRawText()}.");
        }

        return NonEmpty([.. value.EnumerateArray().Select(item => item.GetString()!)]);
    }

    private static List<string> NonEmpty(List<string> stops) =>
        stops.Any(string.IsNullOrEmpty) ? throw OllamaApiException.BadRequest("option 'stop' must not contain empty strings.") : stops;

    private static OllamaModelOptions CheckNumber(JsonProperty option, OllamaModelOptions parsed) =>
        option.Value.ValueKind == JsonValueKind.Number ? parsed : throw Invalid(option, "a number");

    private static OllamaModelOptions CheckBoolean(JsonProperty option, OllamaModelOptions parsed) =>
        option.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? parsed : throw Invalid(option, "true or false");

    private static OllamaApiException Invalid(JsonProperty option, string rule) =>
        OllamaApiException.BadRequest($"option '{option.Name}' must be {rule}, not {option.Value.GetRawText()}.");
}
