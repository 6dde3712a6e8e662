namespace OmniBot.Api.OpenAI.Rerank;

/// <summary>The documents' scores, most relevant first.</summary>
public sealed record RerankResponse(string Model, IReadOnlyList<RerankResultItem> Results, InputUsage Usage)
{
    public string Object => "list";
}
