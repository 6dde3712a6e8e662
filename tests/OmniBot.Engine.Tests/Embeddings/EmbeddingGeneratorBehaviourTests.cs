using Microsoft.Extensions.AI;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>The generator's contract on the small synthetic BERT embedder (F32, mean pooling, 128 positions).</summary>
public sealed class EmbeddingGeneratorBehaviourTests
{
    private static readonly string[] Texts =
    [
        "the cat sat on the mat", "hello world", "what is the time", "a", "one two three four five six seven",
        "the king and the queen lived in a house", "how do you do", "water", "people like to read", "no",
    ];

    private static async Task<LlamaEmbeddingGenerator> CreateAsync(LlamaEmbeddingGeneratorOptions? options = null) =>
        new(await EmbeddingTestModels.TinyBertEmbedderAsync(), options ?? new LlamaEmbeddingGeneratorOptions { Threads = 2 });

    [Fact]
    public async Task GenerateAsync_ConcurrentCallers_GetTheSameVectorsAsOneCaller()
    {
        using var generator = await CreateAsync(new LlamaEmbeddingGeneratorOptions { Threads = 2, MaxSequencesPerBatch = 3 });
        var expected = await generator.GenerateAsync(Texts);

        var calls = Enumerable.Range(0, 16).Select(call => generator.GenerateAsync(Texts.Skip(call % Texts.Length).Take(3))).ToArray();
        var results = await Task.WhenAll(calls);

        for (var call = 0; call < calls.Length; call++)
        {
            for (var i = 0; i < results[call].Count; i++)
            {
                var text = (call % Texts.Length) + i;
                Assert.True(VectorMath.Cosine(results[call][i].Vector.Span, expected[text].Vector.Span) > 0.99999, $"call {call}, input {i}");
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_DifferentTexts_GiveDifferentVectors()
    {
        using var generator = await CreateAsync();

        var embeddings = await generator.GenerateAsync(["the cat sat on the mat", "people like to read"]);

        Assert.True(VectorMath.Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span) < 0.999);
    }

    [Fact]
    public async Task GenerateAsync_CancelledToken_ThrowsAndTheGeneratorStillWorks()
    {
        using var generator = await CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(Texts, cancellationToken: cancelled.Token));

        Assert.Equal(Texts.Length, (await generator.GenerateAsync(Texts)).Count);
    }

    [Fact]
    public async Task GenerateAsync_RequestedDimensions_KeepsLeadingComponentsNormalized()
    {
        using var generator = await CreateAsync();

        var full = (await generator.GenerateAsync(["hello world"]))[0].Vector.ToArray();
        var short16 = (await generator.GenerateAsync(["hello world"], new EmbeddingGenerationOptions { Dimensions = 16 }))[0].Vector.ToArray();

        Assert.Equal(16, short16.Length);
        Assert.True(VectorMath.Cosine(full.AsSpan(0, 16), short16) > 0.99999);
        Assert.Equal(1.0, Math.Sqrt(short16.Sum(value => (double)value * value)), 5);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 65 }));
    }

    [Fact]
    public async Task GenerateAsync_NoInputs_ReturnsEmptyWithZeroUsage()
    {
        using var generator = await CreateAsync();

        var embeddings = await generator.GenerateAsync([]);

        Assert.Empty(embeddings);
        Assert.Equal(0, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_EmptyText_EmbedsTheFrameAlone()
    {
        using var generator = await CreateAsync();

        var embeddings = await generator.GenerateAsync([string.Empty]);

        Assert.Equal(2, embeddings.Usage?.InputTokenCount);
        Assert.Equal(64, embeddings[0].Vector.Length);
    }

    [Fact]
    public async Task GenerateAsync_ModelIdOption_IsReportedOnEveryEmbedding()
    {
        using var generator = await CreateAsync(new LlamaEmbeddingGeneratorOptions { Threads = 2, ModelId = "tiny:latest" });

        var embeddings = await generator.GenerateAsync(["a", "b"]);

        Assert.All(embeddings, embedding => Assert.Equal("tiny:latest", embedding.ModelId));
        Assert.Same(generator.Metadata, generator.GetService<EmbeddingGeneratorMetadata>());
        Assert.NotNull(generator.GetService<LlamaModel>());
    }

    [Fact]
    public async Task GenerateAsync_AfterDispose_Throws()
    {
        var generator = await CreateAsync();
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public async Task Constructor_RerankerModel_IsRefusedNamingTheReranker()
    {
        var reranker = await EmbeddingTestModels.TinyRerankerAsync();

        var error = Assert.Throws<ArgumentException>(() => new LlamaEmbeddingGenerator(reranker));

        Assert.Contains(nameof(LlamaReranker), error.Message, StringComparison.Ordinal);
    }
}
