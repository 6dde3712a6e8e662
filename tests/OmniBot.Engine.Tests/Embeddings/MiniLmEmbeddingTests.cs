using Microsoft.Extensions.AI;
using OmniBot.Engine.Embeddings;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>The embedding path against the real all-MiniLM-L6-v2 and ONNX Runtime's reference vectors.</summary>
public sealed class MiniLmEmbeddingTests
{
    private static readonly LlamaEmbeddingGeneratorOptions TwoThreads = new() { Threads = 2 };

    private static async Task<LlamaEmbeddingGenerator> CreateAsync(LlamaEmbeddingGeneratorOptions? options = null) =>
        new(await EmbeddingTestModels.MiniLmAsync(), options ?? TwoThreads);

    [Fact]
    public async Task GenerateAsync_AllReferenceSentencesInOneCall_MatchOnnxReferences()
    {
        using var generator = await CreateAsync();
        var references = ReferenceSentence.All;

        var embeddings = await generator.GenerateAsync(references.Select(reference => reference.Text));

        Assert.Equal(31, embeddings.Count);
        for (var i = 0; i < references.Count; i++)
        {
            var cosine = VectorMath.Cosine(embeddings[i].Vector.Span, references[i].Embedding);
            Assert.True(cosine >= 0.9999, $"Sentence {i + 1} ({references[i].Text}): cosine {cosine:F6} to the reference.");
        }
    }

    [Fact]
    public async Task Tokenize_ReferenceSentences_GivesReferenceTokenIds()
    {
        using var generator = await CreateAsync();

        foreach (var reference in ReferenceSentence.All)
        {
            Assert.Equal(reference.TokenIds, generator.Tokenize(reference.Text));
        }
    }

    [Fact]
    public async Task GenerateAsync_ReportsUsageDimensionsAndUnitVectors()
    {
        using var generator = await CreateAsync();
        var references = ReferenceSentence.All;

        var embeddings = await generator.GenerateAsync(references.Select(reference => reference.Text));

        Assert.Equal(references.Sum(reference => reference.TokenIds.Length), embeddings.Usage?.InputTokenCount);
        Assert.Equal(869, embeddings.Usage?.InputTokenCount);
        Assert.Equal(384, generator.Metadata.DefaultModelDimensions);
        Assert.Equal("all-MiniLM-L6-v2", generator.Metadata.DefaultModelId);
        Assert.Equal(EmbeddingPooling.Mean, generator.Pooling);
        Assert.Equal(512, generator.MaxInputTokens);
        Assert.All(embeddings, embedding =>
        {
            Assert.Equal(384, embedding.Dimensions);
            Assert.Equal(1.0, Math.Sqrt(embedding.Vector.ToArray().Sum(value => (double)value * value)), 5);
        });
    }

    [Fact]
    public async Task GenerateAsync_NormalizeOff_GivesRawVectorsInTheSameDirection()
    {
        using var normalized = await CreateAsync();
        using var raw = await CreateAsync(TwoThreads with { Normalize = false });

        var unit = (await normalized.GenerateAsync(["Hello world."]))[0].Vector;
        var plain = (await raw.GenerateAsync(["Hello world."]))[0].Vector;

        var length = Math.Sqrt(plain.ToArray().Sum(value => (double)value * value));
        Assert.True(Math.Abs(length - 1) > 0.01, $"The raw vector has length {length}.");
        Assert.True(VectorMath.Cosine(unit.Span, plain.Span) > 0.99999);
    }

    [Theory]
    [InlineData(500, 3)]
    [InlineData(64, 7)]
    [InlineData(5, 5)]
    public async Task GenerateAsync_BatchSizeNotAMultipleOfSequences_StillMatchesReferences(int batchSize, int sequences)
    {
        // llama.cpp aborts the process creating a mean-pooled context whose n_ubatch is not a multiple of n_seq_max.
        using var generator = await CreateAsync(TwoThreads with { BatchSize = batchSize, MaxSequencesPerBatch = sequences });
        var references = ReferenceSentence.All.Take(12).ToArray();

        var embeddings = await generator.GenerateAsync(references.Select(reference => reference.Text), new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { ["truncate"] = true },
        });

        Assert.True(generator.MaxInputTokens <= 512);
        for (var i = 0; i < references.Length; i++)
        {
            if (references[i].TokenIds.Length <= generator.MaxInputTokens)
            {
                Assert.True(VectorMath.Cosine(embeddings[i].Vector.Span, references[i].Embedding) >= 0.99, $"Sentence {i + 1}");
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_BatchedAndOneByOne_GiveTheSameVectors()
    {
        using var batched = await CreateAsync(TwoThreads with { MaxSequencesPerBatch = 8 });
        using var single = await CreateAsync(TwoThreads with { MaxSequencesPerBatch = 1 });
        var texts = ReferenceSentence.All.Select(reference => reference.Text).ToArray();

        var together = await batched.GenerateAsync(texts);
        var alone = await single.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(VectorMath.Cosine(together[i].Vector.Span, alone[i].Vector.Span) > 0.99999, $"Sentence {i + 1}");
        }
    }

    [Fact]
    public async Task GenerateAsync_QueriesRankTheirOwnDocumentFirst()
    {
        using var generator = await CreateAsync();
        string[] documents =
        [
            "To reset your password, open Settings, choose Security and click 'Forgot password'.",
            "Paris is the capital and largest city of France.",
            "Boil the egg for six minutes for a soft yolk, ten for a hard one.",
            "Plants turn sunlight, water and carbon dioxide into sugar by photosynthesis.",
            "The stock market fell sharply after the central bank raised interest rates.",
            "The string quartet played a piece for two violins, viola and cello.",
        ];
        (string Query, int Expected)[] queries =
        [
            ("How do I change my password?", 0),
            ("What is the capital of France?", 1),
            ("How long should I cook an egg?", 2),
            ("How do plants make food from light?", 3),
            ("Why did share prices drop?", 4),
            ("Which instruments are in a quartet?", 5),
        ];

        var documentVectors = await generator.GenerateAsync(documents);
        var queryVectors = await generator.GenerateAsync(queries.Select(query => query.Query));

        for (var q = 0; q < queries.Length; q++)
        {
            var best = Enumerable.Range(0, documents.Length)
                .MaxBy(d => VectorMath.Cosine(queryVectors[q].Vector.Span, documentVectors[d].Vector.Span));
            Assert.True(best == queries[q].Expected, $"'{queries[q].Query}' ranked '{documents[best]}' first.");
        }
    }

    [Fact]
    public async Task Tokenize_LiteralClsAndSepInUserText_StayText()
    {
        using var generator = await CreateAsync();

        var tokens = generator.Tokenize("Type [SEP] between the two fields, not [CLS].");

        // [CLS] 101 and [SEP] 102 only as the frame: 17 ids, where parsing specials would give 12.
        Assert.Equal(101, tokens[0]);
        Assert.Equal(102, tokens[^1]);
        Assert.DoesNotContain(101, tokens.Skip(1));
        Assert.DoesNotContain(102, tokens.SkipLast(1));
        Assert.Equal(17, tokens.Count);
    }

    [Fact]
    public async Task GenerateAsync_ClsPoolingOverride_ReachesLlamaCppAndMissesTheMeanReferences()
    {
        using var generator = await CreateAsync(TwoThreads with { Pooling = EmbeddingPooling.Cls });
        var references = ReferenceSentence.All;

        var embeddings = await generator.GenerateAsync(references.Select(reference => reference.Text));

        // The README measured a median cosine of 0.50 for CLS pooling against the mean-pooled references.
        Assert.Equal(EmbeddingPooling.Cls, generator.Pooling);
        var median = Enumerable.Range(0, references.Count).Select(i => VectorMath.Cosine(embeddings[i].Vector.Span, references[i].Embedding)).Order().ElementAt(references.Count / 2);
        Assert.InRange(median, 0.2, 0.9);
    }
}
