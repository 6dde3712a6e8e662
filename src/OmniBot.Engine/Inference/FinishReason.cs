namespace OmniBot.Engine.Inference;

public enum FinishReason
{
    /// <summary>The model produced an end-of-generation token.</summary>
    EndOfGeneration,

    /// <summary>A stop sequence was produced.</summary>
    StopSequence,

    /// <summary>The token limit or the context size was reached.</summary>
    Length,
}
