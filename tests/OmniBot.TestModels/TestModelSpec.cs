namespace OmniBot.TestModels;

/// <summary>
/// The shape of a synthetic model. The same spec always produces byte-identical files.
/// </summary>
public sealed record TestModelSpec(
    string Name,
    TestArchitecture Architecture,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int VocabSize,
    int ContextLength,
    int Seed)
{
    /// <summary>The smallest vocabulary that holds every fixed token of both tokenizers.</summary>
    public const int MinimumVocabSize = 400;

    /// <summary>
    /// 156k (qwen2) to 189k (llama) parameters, 0.61-0.73 MiB as F32: 64 wide, 2 layers, 4 heads of 16 with 2 KV heads,
    /// FFN 256, vocab 512. Only ffn_down rows (256) are long enough for K-quants; the other tensors
    /// fall back to Q5_0/Q8_0 in a Q4_K_M file.
    /// </summary>
    public static TestModelSpec Tiny(TestArchitecture architecture) => new(
        Name: $"tiny-{architecture.ToString().ToLowerInvariant()}",
        Architecture: architecture,
        EmbeddingLength: 64,
        BlockCount: 2,
        HeadCount: 4,
        HeadCountKv: 2,
        FeedForwardLength: 256,
        VocabSize: 512,
        ContextLength: 4096,
        Seed: 42);

    /// <summary>Qwen2.5-0.5B's shape (about 494M parameters); its Q4_K_M file is about 397 MB.</summary>
    public static TestModelSpec Bench05B { get; } = new(
        Name: "bench-0.5b",
        Architecture: TestArchitecture.Qwen2,
        EmbeddingLength: 896,
        BlockCount: 24,
        HeadCount: 14,
        HeadCountKv: 2,
        FeedForwardLength: 4864,
        VocabSize: 151936,
        ContextLength: 32768,
        Seed: 42);

    /// <summary>
    /// A draft for <see cref="Bench05B"/>: the same model cut to its first two blocks. Weights depend only on the seed
    /// and the tensor name, so embeddings, those blocks and the output head are the target's own.
    /// </summary>
    public static TestModelSpec Bench05BDraft { get; } = Bench05B with { Name = "bench-0.5b-draft-2l", BlockCount = 2 };

    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>Throws <see cref="ArgumentException"/> when llama.cpp could not load a model of this shape.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        Require(Enum.IsDefined(Architecture), $"Architecture {Architecture} is not a known architecture.");
        Require(EmbeddingLength > 0 && BlockCount > 0 && HeadCount > 0 && HeadCountKv > 0 && FeedForwardLength > 0 && ContextLength > 0,
            "Every dimension must be positive.");
        Require(EmbeddingLength % HeadCount == 0, $"EmbeddingLength {EmbeddingLength} must be a multiple of HeadCount {HeadCount}.");
        Require(HeadDimension % 2 == 0, $"The head dimension {HeadDimension} must be even for rotary embeddings.");
        Require(HeadCount % HeadCountKv == 0, $"HeadCount {HeadCount} must be a multiple of HeadCountKv {HeadCountKv}.");
        Require(VocabSize >= MinimumVocabSize, $"VocabSize {VocabSize} must be at least {MinimumVocabSize}.");
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Test model spec '{Name}': {message}");
        }
    }
}
