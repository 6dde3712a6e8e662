using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Embeddings;

/// <summary>An input has more tokens than the model takes in one sequence, and truncation is off.</summary>
public sealed class InputTooLongException : LlamaEngineException
{
    public InputTooLongException(int inputIndex, int tokenCount, int maxTokens)
        : base($"Input {inputIndex} has {tokenCount} tokens but this model takes at most {maxTokens} per input. Shorten it, or turn on truncation ({nameof(EmbeddingContextOptions)}.{nameof(EmbeddingContextOptions.Truncate)}, or AdditionalProperties[\"{LlamaEmbeddingGeneratorOptions.TruncatePropertyName}\"] = true for one call).")
    {
        InputIndex = inputIndex;
        TokenCount = tokenCount;
        MaxTokens = maxTokens;
    }

    /// <summary>The position of the input in the call.</summary>
    public int InputIndex { get; }

    public int TokenCount { get; }

    public int MaxTokens { get; }
}
