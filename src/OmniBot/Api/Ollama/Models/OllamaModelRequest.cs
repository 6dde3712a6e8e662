namespace OmniBot.Api.Ollama.Models;

/// <summary>The body of <c>POST /api/show</c> and <c>DELETE /api/delete</c>: the model, as <c>model</c> or the older <c>name</c>.</summary>
public sealed record OllamaModelRequest
{
    public string? Model { get; init; }

    public string? Name { get; init; }

    /// <summary>show: include long metadata arrays (the vocabulary) in model_info.</summary>
    public bool? Verbose { get; init; }

    public string? ModelName => string.IsNullOrWhiteSpace(Model) ? Name : Model;
}
