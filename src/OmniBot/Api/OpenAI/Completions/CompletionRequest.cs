using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Api.OpenAI.Completions;

/// <summary>The body of <c>POST /v1/completions</c>: raw text continued without a chat template.</summary>
public sealed record CompletionRequest
{
    public string? Model { get; init; }

    /// <summary>A string, or an array holding one string.</summary>
    public JsonElement? Prompt { get; init; }

    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? TopK { get; init; }

    public long? Seed { get; init; }

    public JsonElement? Stop { get; init; }

    public bool? Stream { get; init; }

    public StreamOptions? StreamOptions { get; init; }

    public bool? Echo { get; init; }

    public string? Suffix { get; init; }

    public int? N { get; init; }

    public int? BestOf { get; init; }

    public int? Logprobs { get; init; }

    public double? FrequencyPenalty { get; init; }

    public double? PresencePenalty { get; init; }

    public IReadOnlyDictionary<string, double>? LogitBias { get; init; }

    public string? User { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
