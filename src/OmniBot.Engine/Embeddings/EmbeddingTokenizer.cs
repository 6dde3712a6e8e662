using System.Text;
using LLama.Native;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// Turns inputs into the token sequences an embedding or rerank model expects. User text is always tokenized
/// with special-token parsing off, so a literal "[SEP]" or "&lt;/s&gt;" in it stays text and cannot forge
/// the model's own markers; those come only from the model's framing (what llama.cpp adds around one text).
/// </summary>
internal sealed class EmbeddingTokenizer
{
    private readonly SafeLlamaModelHandle _model;
    private readonly LLamaToken[] _start;
    private readonly LLamaToken[] _end;
    private readonly LLamaToken[] _between;
    private readonly RerankTemplate? _rerankTemplate;

    public EmbeddingTokenizer(SafeLlamaModelHandle model, string? rerankTemplate = null)
    {
        _model = model;
        (_start, var suffix) = LearnFraming(model);
        _end = suffix.Length > 0 ? suffix : (model.Vocab.EOS ?? model.Vocab.SEP) is { } end ? [end] : [];

        // llama.cpp's server joins a pair as BOS query EOS SEP document EOS: "<s> q </s></s> d </s>" for
        // XLM-RoBERTa rerankers; BERT has no EOS, which gives its own pair format "[CLS] q [SEP] d [SEP]".
        _between = model.Vocab.EOS is not null && model.Vocab.SEP is { } separator ? [.. _end, separator] : _end;
        _rerankTemplate = rerankTemplate is null ? null : RerankTemplate.Parse(model, rerankTemplate);
    }

    /// <summary>Tokens the model adds around one text (e.g. [CLS] and [SEP]).</summary>
    public int FrameLength => _start.Length + _end.Length;

    /// <summary>User text as plain text: special-token strings in it are not parsed.</summary>
    public LLamaToken[] TokenizeText(string text) =>
        text.Length == 0 ? [] : _model.Tokenize(text, false, false, Encoding.UTF8);

    /// <summary>One text, framed as llama.cpp frames it, cut or refused when longer than <paramref name="maxTokens"/>.</summary>
    public LLamaToken[] ForEmbedding(string text, int index, int maxTokens, bool truncate)
    {
        var content = TokenizeText(text);
        var room = maxTokens - FrameLength;
        if (content.Length > room)
        {
            if (!truncate || room < 0)
            {
                throw new InputTooLongException(index, content.Length + FrameLength, maxTokens);
            }

            content = content[..Math.Max(room, 0)];
        }

        LLamaToken[] tokens = [.. _start, .. content, .. _end];
        return tokens.Length > 0 ? tokens : throw new ArgumentException($"Input {index} is empty: it has no tokens to embed.", nameof(text));
    }

    /// <summary>A (query, document) pair for a reranker; truncation cuts the document first, then the query.</summary>
    public LLamaToken[] ForRerank(string query, string document, int index, int maxTokens, bool truncate)
    {
        var queryTokens = TokenizeText(query);
        var documentTokens = TokenizeText(document);
        var fixedLength = _rerankTemplate?.FixedLength ?? (_start.Length + _between.Length + _end.Length);
        var total = fixedLength + queryTokens.Length + documentTokens.Length;
        if (total > maxTokens)
        {
            if (!truncate)
            {
                throw new InputTooLongException(index, total, maxTokens);
            }

            var room = maxTokens - fixedLength;
            if (room < 0)
            {
                throw new InputTooLongException(index, total, maxTokens);
            }

            documentTokens = documentTokens[..Math.Min(documentTokens.Length, Math.Max(room - queryTokens.Length, 0))];
            queryTokens = queryTokens[..Math.Min(queryTokens.Length, room - documentTokens.Length)];
        }

        return _rerankTemplate is { } template
            ? template.Build(queryTokens, documentTokens)
            : [.. _start, .. queryTokens, .. _between, .. documentTokens, .. _end];
    }

    /// <summary>What llama.cpp adds before and after a text: the difference between tokenizing with and without specials.</summary>
    private static (LLamaToken[] Start, LLamaToken[] End) LearnFraming(SafeLlamaModelHandle model)
    {
        const string Probe = "a";
        var bare = model.Tokenize(Probe, false, false, Encoding.UTF8);
        var framed = model.Tokenize(Probe, true, false, Encoding.UTF8);
        for (var start = 0; start + bare.Length <= framed.Length; start++)
        {
            if (framed.AsSpan(start, bare.Length).SequenceEqual(bare))
            {
                return (framed[..start], framed[(start + bare.Length)..]);
            }
        }

        return ([], []);
    }
}
