namespace OmniBot.Models.Downloads;

/// <summary>The Hugging Face host and token; by default from <c>HF_ENDPOINT</c> and <c>HF_TOKEN</c>.</summary>
public sealed record HuggingFaceOptions
{
    public const string EndpointVariable = "HF_ENDPOINT";
    public const string TokenVariable = "HF_TOKEN";
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    public Uri Endpoint { get; init; } = DefaultEndpoint;

    public string? Token { get; init; }

    public static HuggingFaceOptions FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        return new HuggingFaceOptions
        {
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : new Uri(endpoint.TrimEnd('/')),
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
        };
    }
}
