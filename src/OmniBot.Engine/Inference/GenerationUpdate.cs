namespace OmniBot.Engine.Inference;

/// <summary>
/// One streamed piece of a generation: new text (possibly empty while text is held back), and on the
/// last update the statistics of the whole request.
/// </summary>
public sealed record GenerationUpdate(string Text, int TokenCount, GenerationStats? Stats = null)
{
    public bool IsFinal => Stats is not null;
}
