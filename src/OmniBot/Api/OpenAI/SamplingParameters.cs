using System.Globalization;
using System.Text.Json;
using OmniBot.Engine.Inference;

namespace OmniBot.Api.OpenAI;

/// <summary>
/// Checks the sampling fields chat and text completions share, with OpenAI's ranges, so that a bad value is a 400
/// naming the field before any model is loaded.
/// </summary>
internal static class SamplingParameters
{
    /// <summary>llama.cpp's extra fields and the JSON kinds they take; they pass to the engine under the same names.</summary>
    private static readonly Dictionary<string, JsonValueKind[]> Extras = new(StringComparer.Ordinal)
    {
        ["min_p"] = [JsonValueKind.Number],
        ["typical_p"] = [JsonValueKind.Number],
        ["repeat_penalty"] = [JsonValueKind.Number],
        ["repeat_last_n"] = [JsonValueKind.Number],
        ["dry_multiplier"] = [JsonValueKind.Number],
        ["dry_base"] = [JsonValueKind.Number],
        ["dry_allowed_length"] = [JsonValueKind.Number],
        ["dry_penalty_last_n"] = [JsonValueKind.Number],
        ["xtc_probability"] = [JsonValueKind.Number],
        ["xtc_threshold"] = [JsonValueKind.Number],
        ["draft_max"] = [JsonValueKind.Number],
        ["thinking_budget"] = [JsonValueKind.Number],
        ["grammar"] = [JsonValueKind.String],
        ["speculation"] = [JsonValueKind.String],
        ["enable_thinking"] = [JsonValueKind.True, JsonValueKind.False],
        [IgnoreEos.Field] = [JsonValueKind.True, JsonValueKind.False],
        ["chat_template_kwargs"] = [JsonValueKind.Object],
    };

    private static readonly HashSet<string> IntegerExtras = ["repeat_last_n", "dry_allowed_length", "dry_penalty_last_n", "draft_max", "thinking_budget"];

    public static float? Temperature(double? value) => value switch
    {
        null => null,
        >= 0 and <= 2 => (float)value.Value,
        _ => throw new InvalidRequestException($"temperature must be between 0 and 2 (0 is greedy), not {Format(value.Value)}.", "temperature"),
    };

    /// <summary>top_p in [0, 1]; 0 keeps only the most likely token, which the engine expresses as the smallest positive p.</summary>
    public static float? TopP(double? value) => value switch
    {
        null => null,
        0 => float.Epsilon,
        > 0 and <= 1 => (float)value.Value,
        _ => throw new InvalidRequestException($"top_p must be between 0 and 1, not {Format(value.Value)}.", "top_p"),
    };

    public static int? TopK(int? value) => value is < 0
        ? throw new InvalidRequestException($"top_k must be 0 (off) or more, not {value}.", "top_k")
        : value;

    public static float? Penalty(double? value, string parameter) => value switch
    {
        null => null,
        >= -2 and <= 2 => (float)value.Value,
        _ => throw new InvalidRequestException($"{parameter} must be between -2 and 2, not {Format(value.Value)}.", parameter),
    };

    /// <summary>The token limit from <c>max_completion_tokens</c> (preferred, as OpenAI's newer clients send it) or <c>max_tokens</c>.</summary>
    public static int? MaxTokens(int? maxTokens, int? maxCompletionTokens)
    {
        var (value, parameter) = maxCompletionTokens is not null ? (maxCompletionTokens, "max_completion_tokens") : (maxTokens, "max_tokens");
        return value is < 1
            ? throw new InvalidRequestException($"{parameter} must be at least 1, not {value}; leave it out to generate until the model stops.", parameter)
            : value;
    }

    /// <summary>Refuses a limit that could never be reached: the prompt and the reply share the context.</summary>
    public static void RequireFitsContext(int? maxTokens, int contextSize, string parameter)
    {
        if (maxTokens > contextSize)
        {
            throw new InvalidRequestException(
                $"{parameter} is {maxTokens} but this model's context holds {contextSize} tokens for prompt and reply together. Lower {parameter}, or start the server with a larger context (--ctx).",
                parameter);
        }
    }

    public static void RequireSingleChoice(int? n, string parameter = "n")
    {
        if (n is not (null or 1))
        {
            throw new InvalidRequestException($"{parameter} must be 1: this server generates one choice per request. Send separate requests for more.", parameter);
        }
    }

    /// <summary>A <c>stop</c> given as one string or an array of strings.</summary>
    public static IList<string>? Stop(JsonElement? stop)
    {
        switch (stop)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } text:
                return NonEmpty([text.GetString()!]);
            case { ValueKind: JsonValueKind.Array } array:
                var sequences = new List<string>();
                foreach (var item in array.EnumerateArray())
                {
                    sequences.Add(item.ValueKind == JsonValueKind.String
                        ? item.GetString()!
                        : throw new InvalidRequestException($"stop must be a string or an array of strings; it holds {OpenAIRequestReader.Describe(item)}.", "stop"));
                }

                return NonEmpty(sequences);
            default:
                throw new InvalidRequestException($"stop must be a string or an array of strings, not {OpenAIRequestReader.Describe(stop.Value)}.", "stop");
        }

        static List<string> NonEmpty(List<string> sequences) =>
            sequences.Any(string.IsNullOrEmpty) ? throw new InvalidRequestException("stop sequences must not be empty strings.", "stop")
            : sequences.Count > GenerationOptions.MaxStopSequences ? throw new InvalidRequestException($"stop may hold at most {GenerationOptions.MaxStopSequences} sequences, not {sequences.Count}.", "stop")
            : sequences.Any(sequence => sequence.Length > GenerationOptions.MaxStopSequenceLength) ? throw new InvalidRequestException($"each stop sequence may be at most {GenerationOptions.MaxStopSequenceLength} characters long.", "stop")
            : sequences;
    }

    /// <summary>logit_bias keys are token ids, values between -100 (ban) and 100 (force).</summary>
    public static Dictionary<int, float>? LogitBias(IReadOnlyDictionary<string, double>? bias)
    {
        if (bias is null || bias.Count == 0)
        {
            return null;
        }

        var result = new Dictionary<int, float>();
        foreach (var (key, value) in bias)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var token))
            {
                throw new InvalidRequestException($"logit_bias keys must be token ids (non-negative integers), not '{key}'.", "logit_bias");
            }

            result[token] = value is >= -100 and <= 100
                ? (float)value
                : throw new InvalidRequestException($"logit_bias values must be between -100 and 100; token {key} has {Format(value)}.", "logit_bias");
        }

        return result;
    }

    /// <summary>The llama.cpp fields among the unknown ones, checked for their JSON kind; others are ignored as llama.cpp does.</summary>
    public static Dictionary<string, JsonElement> LlamaExtras(IReadOnlyDictionary<string, JsonElement>? extra)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in extra ?? new Dictionary<string, JsonElement>())
        {
            if (!Extras.TryGetValue(name, out var kinds) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!kinds.Contains(value.ValueKind))
            {
                throw new InvalidRequestException($"{name} must be {OpenAIRequestReader.Describe(kinds[0])}, not {OpenAIRequestReader.Describe(value)}.", name);
            }

            if (IntegerExtras.Contains(name) && !value.TryGetInt32(out _))
            {
                throw new InvalidRequestException($"{name} must be a whole number, not {value.GetRawText()}.", name);
            }

            result[name] = value.Clone();
        }

        return result;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
