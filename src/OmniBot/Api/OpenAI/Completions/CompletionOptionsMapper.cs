using System.Text.Json;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;

namespace OmniBot.Api.OpenAI.Completions;

/// <summary>Turns a text completion request into the prompt and the scheduler's <see cref="GenerationOptions"/>.</summary>
internal static class CompletionOptionsMapper
{
    /// <exception cref="InvalidRequestException">The prompt is missing or not text.</exception>
    public static string Prompt(JsonElement? prompt)
    {
        const string Parameter = "prompt";
        var text = prompt switch
        {
            { ValueKind: JsonValueKind.String } single => single.GetString()!,
            { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() == 1 && array[0].ValueKind == JsonValueKind.String => array[0].GetString()!,
            { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() > 0 && array[0].ValueKind is JsonValueKind.Number or JsonValueKind.Array =>
                throw new InvalidRequestException("prompt as token ids is not supported: send the prompt as text.", Parameter),
            { ValueKind: JsonValueKind.Array } =>
                throw new InvalidRequestException("prompt must be one string (or an array holding one string): this server completes one prompt per request.", Parameter),
            null or { ValueKind: JsonValueKind.Null } => throw new InvalidRequestException("prompt is missing: give the text to continue.", Parameter),
            { } other => throw new InvalidRequestException($"prompt must be a string, not {OpenAIRequestReader.Describe(other)}.", Parameter),
        };
        return text.Length > 0 ? text : throw new InvalidRequestException("prompt is empty: give the text to continue.", Parameter);
    }

    /// <exception cref="InvalidRequestException">A setting is out of range, of the wrong shape, or not supported.</exception>
    public static GenerationOptions ToGenerationOptions(CompletionRequest request, SamplingOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(defaults);
        SamplingParameters.RequireSingleChoice(request.N);
        SamplingParameters.RequireSingleChoice(request.BestOf, "best_of");
        if (request.Logprobs is not null)
        {
            throw new InvalidRequestException("logprobs are not available from this server: leave logprobs out.", "logprobs");
        }

        if (!string.IsNullOrEmpty(request.Suffix))
        {
            throw new InvalidRequestException("suffix (fill in the middle) is not supported: put all the text in prompt.", "suffix");
        }

        var extra = SamplingParameters.LlamaExtras(request.Extra);
        var sampling = defaults with
        {
            Temperature = SamplingParameters.Temperature(request.Temperature) ?? defaults.Temperature,
            TopP = SamplingParameters.TopP(request.TopP) ?? defaults.TopP,
            TopK = SamplingParameters.TopK(request.TopK) ?? defaults.TopK,
            Seed = request.Seed is { } seed ? unchecked((uint)seed) : defaults.Seed,
            FrequencyPenalty = SamplingParameters.Penalty(request.FrequencyPenalty, "frequency_penalty") ?? defaults.FrequencyPenalty,
            PresencePenalty = SamplingParameters.Penalty(request.PresencePenalty, "presence_penalty") ?? defaults.PresencePenalty,
            LogitBias = SamplingParameters.LogitBias(request.LogitBias) ?? defaults.LogitBias,
            MinP = Float(extra, "min_p") ?? defaults.MinP,
            TypicalP = Float(extra, "typical_p") ?? defaults.TypicalP,
            RepeatPenalty = Float(extra, "repeat_penalty") ?? defaults.RepeatPenalty,
            PenaltyLastN = extra.TryGetValue("repeat_last_n", out var lastN) ? lastN.GetInt32() : defaults.PenaltyLastN,
        };

        var options = new GenerationOptions
        {
            Sampling = sampling,
            MaxTokens = SamplingParameters.MaxTokens(request.MaxTokens, null),
            StopSequences = SamplingParameters.Stop(request.Stop)?.ToArray() ?? [],
            Grammar = extra.TryGetValue("grammar", out var grammar) && !string.IsNullOrWhiteSpace(grammar.GetString())
                ? GbnfGrammar.Parse(grammar.GetString()!).ToGbnf()
                : null,
        };

        try
        {
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidRequestException($"A sampling setting is out of range: {exception.Message}", exception.ParamName is { } name ? JsonNamingPolicy.SnakeCaseLower.ConvertName(name) : null);
        }

        return options;
    }

    private static float? Float(Dictionary<string, JsonElement> extra, string name) =>
        extra.TryGetValue(name, out var value) ? value.GetSingle() : null;
}
