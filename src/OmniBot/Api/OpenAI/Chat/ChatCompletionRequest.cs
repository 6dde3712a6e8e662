using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>. Fields that take several shapes (<c>stop</c>, <c>tool_choice</c>)
/// stay raw JSON until mapped; llama.cpp's extra sampling fields (<c>min_p</c>, <c>repeat_penalty</c>, <c>grammar</c>, ...)
/// land in <see cref="Extra"/>.
/// </summary>
public sealed record ChatCompletionRequest
{
    public string? Model { get; init; }

    public IReadOnlyList<ChatCompletionMessage?>? Messages { get; init; }

    public bool? Stream { get; init; }

    public StreamOptions? StreamOptions { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? TopK { get; init; }

    public int? MaxTokens { get; init; }

    public int? MaxCompletionTokens { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Stop { get; init; }

    public long? Seed { get; init; }

    public double? FrequencyPenalty { get; init; }

    public double? PresencePenalty { get; init; }

    /// <summary>Token id (as a string) → bias added to its logit, -100 to 100.</summary>
    public IReadOnlyDictionary<string, double>? LogitBias { get; init; }

    public int? N { get; init; }

    public IReadOnlyList<ToolDefinition?>? Tools { get; init; }

    /// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name":...}}</c>.</summary>
    public JsonElement? ToolChoice { get; init; }

    public bool? ParallelToolCalls { get; init; }

    public ResponseFormatRequest? ResponseFormat { get; init; }

    public bool? Logprobs { get; init; }

    public int? TopLogprobs { get; init; }

    public string? User { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
