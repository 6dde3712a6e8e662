namespace OmniBot.Api.OpenAI.Models;

/// <summary><c>GET /v1/models</c>: the store's models.</summary>
public sealed record ModelList(IReadOnlyList<ModelObject> Data)
{
    public string Object => "list";
}
