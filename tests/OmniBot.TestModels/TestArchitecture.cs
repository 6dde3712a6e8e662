namespace OmniBot.TestModels;

/// <summary>
/// The llama.cpp architecture of a synthetic model. <see cref="Llama"/> uses a SentencePiece tokenizer
/// and a separate output head; <see cref="Qwen2"/> uses a GPT-2 style BPE tokenizer, q/k/v biases and
/// an output head tied to the token embeddings, as Qwen2.5's small models do.
/// </summary>
public enum TestArchitecture
{
    Llama,
    Qwen2,
}
