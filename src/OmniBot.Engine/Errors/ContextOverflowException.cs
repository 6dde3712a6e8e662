namespace OmniBot.Engine.Errors;

/// <summary>A prompt does not fit into a slot's context.</summary>
public sealed class ContextOverflowException : LlamaEngineException
{
    public ContextOverflowException(int promptTokens, int contextSize)
        : base($"The prompt has {promptTokens} tokens but the context holds only {contextSize} per sequence. Shorten the prompt or raise the context size (--ctx / SchedulerOptions.ContextSize).")
    {
        PromptTokens = promptTokens;
        ContextSize = contextSize;
    }

    public int PromptTokens { get; }

    public int ContextSize { get; }
}
