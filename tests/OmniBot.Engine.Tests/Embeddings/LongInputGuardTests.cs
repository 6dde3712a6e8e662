using Microsoft.Extensions.AI;
using OmniBot.Engine.Embeddings;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>
/// A BERT-style encoder given a sequence longer than its training context (512 for MiniLM) aborts the whole
/// process inside llama_encode. These tests give such inputs through a context that could hold them: the test
/// process surviving is part of what they check.
/// </summary>
public sealed class LongInputGuardTests
{
    private static readonly LlamaEmbeddingGeneratorOptions WideContext = new() { Threads = 2, BatchSize = 2048 };

    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("hello", count));

    [Fact]
    public async Task GenerateAsync_InputPastTrainingContext_IsRefusedNamingTheOption()
    {
        using var generator = new LlamaEmbeddingGenerator(await EmbeddingTestModels.MiniLmAsync(), WideContext);

        var error = await Assert.ThrowsAsync<InputTooLongException>(() => generator.GenerateAsync(["short", Words(600)]));

        Assert.Equal(512, generator.MaxInputTokens);
        Assert.Equal(1, error.InputIndex);
        Assert.Equal(602, error.TokenCount);
        Assert.Equal(512, error.MaxTokens);
        Assert.Contains("Truncate", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ExactlyTrainingContext_IsEmbedded()
    {
        using var generator = new LlamaEmbeddingGenerator(await EmbeddingTestModels.MiniLmAsync(), WideContext);

        var embeddings = await generator.GenerateAsync([Words(510)]);

        Assert.Equal(512, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_TruncateOption_CutsToTrainingContextAndKeepsTheSeparator()
    {
        using var generator = new LlamaEmbeddingGenerator(await EmbeddingTestModels.MiniLmAsync(), WideContext with { Truncate = true });

        var long600 = await generator.GenerateAsync([Words(600)]);
        var exact = await generator.GenerateAsync([Words(510)]);
        var tokens = generator.Tokenize(Words(600));

        Assert.Equal(512, long600.Usage?.InputTokenCount);
        Assert.Equal(512, tokens.Count);
        Assert.Equal(102, tokens[^1]);
        Assert.Equal(exact[0].Vector.ToArray(), long600[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_TruncateAdditionalProperty_TruncatesThatCallOnly()
    {
        using var generator = new LlamaEmbeddingGenerator(await EmbeddingTestModels.MiniLmAsync(), WideContext);
        var truncate = new EmbeddingGenerationOptions { AdditionalProperties = new() { ["truncate"] = true } };

        var embeddings = await generator.GenerateAsync([Words(1000)], truncate);

        Assert.Equal(512, embeddings.Usage?.InputTokenCount);
        await Assert.ThrowsAsync<InputTooLongException>(() => generator.GenerateAsync([Words(1000)]));
    }

    [Fact]
    public async Task GenerateAsync_SmallBatch_LimitsInputsToTheBatch()
    {
        using var generator = new LlamaEmbeddingGenerator(await EmbeddingTestModels.MiniLmAsync(), WideContext with { BatchSize = 64, MaxSequencesPerBatch = 4 });

        Assert.Equal(64, generator.MaxInputTokens);
        await Assert.ThrowsAsync<InputTooLongException>(() => generator.GenerateAsync([Words(63)]));
        Assert.Equal(131, (await generator.GenerateAsync([Words(62), Words(62), "a"])).Usage?.InputTokenCount);
    }
}
