using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Turns Microsoft.Extensions.AI <see cref="ChatOptions"/> into generation options. Settings that
/// ChatOptions has no property for come through <see cref="ChatOptions.AdditionalProperties"/> under
/// llama.cpp's names (min_p, typical_p, repeat_penalty, repeat_last_n, dry_*, xtc_*, logit_bias).
/// </summary>
internal static class ChatOptionsMapper
{
    public static GenerationOptions ToGenerationOptions(ChatOptions? options, SamplingOptions defaults, SpeculationOptions speculation)
    {
        if (options is null)
        {
            return new GenerationOptions { Sampling = defaults, Speculation = speculation };
        }

        var extra = options.AdditionalProperties;
        var sampling = defaults with
        {
            Temperature = options.Temperature ?? defaults.Temperature,
            TopP = options.TopP ?? defaults.TopP,
            TopK = options.TopK ?? defaults.TopK,
            FrequencyPenalty = options.FrequencyPenalty ?? defaults.FrequencyPenalty,
            PresencePenalty = options.PresencePenalty ?? defaults.PresencePenalty,
            Seed = options.Seed is { } seed ? unchecked((uint)seed) : defaults.Seed,
            MinP = Float(extra, "min_p") ?? defaults.MinP,
            TypicalP = Float(extra, "typical_p") ?? defaults.TypicalP,
            RepeatPenalty = Float(extra, "repeat_penalty") ?? defaults.RepeatPenalty,
            PenaltyLastN = Int(extra, "repeat_last_n") ?? defaults.PenaltyLastN,
            DryMultiplier = Float(extra, "dry_multiplier") ?? defaults.DryMultiplier,
            DryBase = Float(extra, "dry_base") ?? defaults.DryBase,
            DryAllowedLength = Int(extra, "dry_allowed_length") ?? defaults.DryAllowedLength,
            DryPenaltyLastN = Int(extra, "dry_penalty_last_n") ?? defaults.DryPenaltyLastN,
            XtcProbability = Float(extra, "xtc_probability") ?? defaults.XtcProbability,
            XtcThreshold = Float(extra, "xtc_threshold") ?? defaults.XtcThreshold,
            LogitBias = LogitBias(extra) ?? defaults.LogitBias,
        };

        return new GenerationOptions
        {
            Sampling = sampling,
            MaxTokens = options.MaxOutputTokens,
            // llama.cpp's n_keep: a reply that fills the context shifts it, keeping this many tokens, instead of stopping.
            ContextShiftKeep = Int(extra, "n_keep"),
            StopSequences = options.StopSequences?.ToArray() ?? [],
            SlotAffinityKey = options.ConversationId,
            Speculation = Speculation(extra, speculation),
            Grammar = Grammar(options),
        };
    }

    /// <summary>
    /// The response format as a grammar: a JSON schema, any JSON object for plain JSON mode, or raw GBNF
    /// passed as AdditionalProperties["grammar"].
    /// </summary>
    private static Gbnf? Grammar(ChatOptions options)
    {
        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson { Schema: { } schema }:
                return JsonSchemaGrammarConverter.Convert(schema);
            case ChatResponseFormatJson:
                return AnyJsonObject.Value;
        }

        if (options.AdditionalProperties?.TryGetValue("grammar", out var grammar) == true && grammar is not null)
        {
            var text = grammar is JsonElement element ? element.GetString() : grammar.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : GbnfGrammar.Parse(text).ToGbnf();
        }

        return null;
    }

    private static readonly Lazy<Gbnf> AnyJsonObject = new(() => JsonSchemaGrammarConverter.Convert("{\"type\":\"object\"}"));

    /// <summary>The request's "thinking_budget", else the client's default.</summary>
    public static int? ThinkingBudget(ChatOptions? options, int? defaultBudget) =>
        Int(options?.AdditionalProperties, "thinking_budget") ?? defaultBudget;

    private static SpeculationOptions Speculation(AdditionalPropertiesDictionary? extra, SpeculationOptions defaults)
    {
        var mode = extra is not null && extra.TryGetValue("speculation", out var value) && value is not null
            ? (value is JsonElement element ? element.GetString() : value.ToString())?.ToUpperInvariant() switch
            {
                "NONE" or "OFF" => SpeculationMode.None,
                "LOOKUP" or "PROMPT_LOOKUP" => SpeculationMode.PromptLookup,
                "DRAFT" => SpeculationMode.DraftModel,
                var other => throw new ArgumentException($"Chat option 'speculation' must be none, lookup or draft, not '{other}'."),
            }
            : defaults.Mode;
        return defaults with { Mode = mode, MaxDraftTokens = Int(extra, "draft_max") ?? defaults.MaxDraftTokens };
    }

    private static float? Float(AdditionalPropertiesDictionary? extra, string key) =>
        Number(extra, key) is { } value ? (float)value : null;

    private static int? Int(AdditionalPropertiesDictionary? extra, string key) =>
        Number(extra, key) is { } value ? checked((int)value) : null;

    private static double? Number(AdditionalPropertiesDictionary? extra, string key)
    {
        if (extra is null || !extra.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } element => element.GetDouble(),
            JsonElement { ValueKind: JsonValueKind.String } element => Parse(key, element.GetString()),
            string text => Parse(key, text),
            IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"Chat option '{key}' must be a number, not {value.GetType().Name}."),
        };
    }

    private static double Parse(string key, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"Chat option '{key}' must be a number, not '{text}'.");

    private static Dictionary<int, float>? LogitBias(AdditionalPropertiesDictionary? extra)
    {
        if (extra is null || !extra.TryGetValue("logit_bias", out var value) || value is null)
        {
            return null;
        }

        var result = new Dictionary<int, float>();
        switch (value)
        {
            case IEnumerable<KeyValuePair<int, float>> typed:
                foreach (var (token, bias) in typed)
                {
                    result[token] = bias;
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> loose:
                foreach (var (token, bias) in loose)
                {
                    result[ParseToken(token)] = Convert.ToSingle(bias is JsonElement element ? element.GetDouble() : bias, CultureInfo.InvariantCulture);
                }

                break;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                foreach (var property in element.EnumerateObject())
                {
                    result[ParseToken(property.Name)] = (float)property.Value.GetDouble();
                }

                break;
            default:
                throw new ArgumentException("Chat option 'logit_bias' must map token ids to biases.");
        }

        return result;
    }

    private static int ParseToken(string token) =>
        int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ArgumentException($"logit_bias key '{token}' is not a token id.");
}
