using OmniBot.Engine.Embeddings;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>Reranking mechanics on the synthetic BERT reranker (pooling RANK, classifier head, 128 positions).</summary>
public sealed class LlamaRerankerTests
{
    private const int Cls = 2;
    private const int Sep = 3;

    private static readonly string[] Documents =
    [
        "the cat sat on the mat", "people like to read", "the king and the queen", "what is the time",
        "water", "one two three", "how do you do", "hello world", "a", "the house on the hill",
    ];

    private static async Task<LlamaReranker> CreateAsync(LlamaRerankerOptions? options = null) =>
        new(await EmbeddingTestModels.TinyRerankerAsync(), options ?? new LlamaRerankerOptions { Threads = 2 });

    [Fact]
    public async Task RankAsync_GivesOneScorePerDocumentInOrderAndASortedView()
    {
        using var reranker = await CreateAsync();

        var result = await reranker.RankAsync("where is the cat", Documents);

        Assert.Equal(Enumerable.Range(0, Documents.Length), result.Scores.Select(score => score.Index));
        Assert.All(result.Scores, score => Assert.True(float.IsFinite(score.Score)));
        Assert.True(result.Scores.Select(score => score.Score).Distinct().Count() > 1, "Every document got the same score.");
        Assert.Equal(result.Scores.OrderByDescending(score => score.Score).ThenBy(score => score.Index), result.Ranked);
        Assert.Equal(Documents.Sum(document => reranker.TokenizePair("where is the cat", document).Count), result.InputTokenCount);
    }

    [Fact]
    public async Task RankAsync_BatchedAndOneByOne_GiveTheSameScores()
    {
        using var batched = await CreateAsync(new LlamaRerankerOptions { Threads = 2, MaxSequencesPerBatch = 4 });
        using var single = await CreateAsync(new LlamaRerankerOptions { Threads = 2, MaxSequencesPerBatch = 1 });

        var together = await batched.RankAsync("where is the cat", Documents);
        var alone = await single.RankAsync("where is the cat", Documents);

        for (var i = 0; i < Documents.Length; i++)
        {
            Assert.Equal(alone.Scores[i].Score, together.Scores[i].Score, 4);
        }
    }

    [Fact]
    public async Task RankAsync_DocumentOrder_DoesNotChangeADocumentsScore()
    {
        using var reranker = await CreateAsync();

        var forward = await reranker.RankAsync("hello", Documents);
        var backward = await reranker.RankAsync("hello", Documents.Reverse());

        for (var i = 0; i < Documents.Length; i++)
        {
            Assert.Equal(forward.Scores[i].Score, backward.Scores[Documents.Length - 1 - i].Score, 4);
        }
    }

    [Fact]
    public async Task TokenizePair_FormatsClsQuerySepDocumentSep_WithLiteralMarkersAsText()
    {
        using var reranker = await CreateAsync();

        var pair = reranker.TokenizePair("the king", "a [SEP] b [CLS]");

        Assert.Equal(Cls, pair[0]);
        Assert.Equal(Sep, pair[^1]);
        Assert.Equal(2, pair.Count(token => token == Sep));
        Assert.Equal(1, pair.Count(token => token == Cls));
        Assert.Equal(Sep, pair[3]);
    }

    [Fact]
    public async Task RankAsync_PairPastTrainingContext_IsRefusedOrTruncated()
    {
        var longDocument = string.Join(' ', Enumerable.Repeat("water", 200));
        using var strict = await CreateAsync();
        using var truncating = await CreateAsync(new LlamaRerankerOptions { Threads = 2, Truncate = true });

        var error = await Assert.ThrowsAsync<InputTooLongException>(() => strict.RankAsync("the cat", ["a", longDocument]));
        var result = await truncating.RankAsync("the cat", ["a", longDocument]);
        var pair = truncating.TokenizePair("the cat", longDocument);

        Assert.Equal(1, error.InputIndex);
        Assert.Equal(128, strict.MaxPairTokens);
        Assert.Equal(128, pair.Count);
        Assert.Equal([Cls, .. truncating.TokenizePair("the cat", "a").Skip(1).Take(3)], pair.Take(4));
        Assert.Equal(2, result.Scores.Count);
    }

    [Fact]
    public async Task RankAsync_NoDocuments_ReturnsEmpty()
    {
        using var reranker = await CreateAsync();

        var result = await reranker.RankAsync("query", []);

        Assert.Empty(result.Scores);
        Assert.Empty(result.Ranked);
    }

    [Fact]
    public async Task Constructor_EmbeddingModel_IsRefusedNamingTheFix()
    {
        var embedder = await EmbeddingTestModels.TinyBertEmbedderAsync();

        var error = Assert.Throws<ArgumentException>(() => new LlamaReranker(embedder));

        Assert.Contains("RANK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RerankTemplate_ParsesSpecialsInTheTemplateOnly()
    {
        var model = await EmbeddingTestModels.TinyRerankerAsync();
        var template = RerankTemplate.Parse(model.Handle, "[CLS]{query}[SEP]{document}[SEP]")!;
        var tokenizer = new EmbeddingTokenizer(model.Handle);

        var tokens = template.Build(tokenizer.TokenizeText("the [SEP] cat"), tokenizer.TokenizeText("water"));

        Assert.Equal(3, template.FixedLength);
        Assert.Equal(Cls, (int)tokens[0]);
        Assert.Equal(2, tokens.Count(token => (int)token == Sep));
        Assert.Null(RerankTemplate.Parse(model.Handle, "no placeholders"));
    }
}
