using LLama.Native;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Sampling;

/// <summary>
/// One request's sampler: its chain, and optionally a grammar that every sampled token must satisfy.
/// With a grammar it takes llama.cpp's fast path: sample first and check only that token against the
/// grammar; only when the grammar rejects it, constrain all candidates and sample again.
/// </summary>
internal sealed class TokenSampler : IDisposable
{
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly SafeLLamaSamplerChainHandle? _grammar;
    private readonly LLamaTokenData[] _candidates;
    private readonly LLamaTokenData[] _single = new LLamaTokenData[1];

    private TokenSampler(SafeLLamaSamplerChainHandle chain, SafeLLamaSamplerChainHandle? grammar, int vocabSize)
    {
        _chain = chain;
        _grammar = grammar;
        _candidates = grammar is null ? [] : new LLamaTokenData[vocabSize];
    }

    public static TokenSampler Create(SafeLlamaModelHandle model, SamplingOptions options, Gbnf? grammar, int contextSize)
    {
        var chain = SamplerChainFactory.Create(model, options, contextSize);
        if (grammar is null)
        {
            return new TokenSampler(chain, null, 0);
        }

        var parameters = LLamaSamplerChainParams.Default();
        parameters.NoPerf = true;
        var grammarChain = SafeLLamaSamplerChainHandle.Create(parameters);
        grammarChain.AddGrammar(model.Vocab, grammar.Text, grammar.RootRule);
        return new TokenSampler(chain, grammarChain, model.Vocab.Count);
    }

    public bool HasGrammar => _grammar is not null;

    /// <summary>Samples from the logits at batch position <paramref name="index"/> and accepts the token.</summary>
    public LLamaToken Sample(SafeLLamaContextHandle context, int index)
    {
        if (_grammar is null)
        {
            return _chain.Sample(context, index);
        }

        var logits = context.GetLogitsIth(index);
        var token = Select(logits, constrained: false);
        if (!_grammar.Allows(token, _single))
        {
            token = Select(logits, constrained: true);
        }

        _chain.Accept(token);
        _grammar.Accept(token);
        return token;
    }

    /// <summary>Feeds a prompt token to the penalties' history (never to the grammar: the prompt is not the reply).</summary>
    public void AcceptHistory(LLamaToken token) => _chain.Accept(token);

    private LLamaToken Select(Span<float> logits, bool constrained)
    {
        var array = LLamaTokenDataArray.Create(logits, _candidates);
        using var pinned = LLamaTokenDataArrayNative.Create(array, out var native);
        if (constrained)
        {
            _grammar!.Apply(ref native);
        }

        _chain.Apply(ref native);
        return native.Data[checked((int)native.Selected)].ID;
    }

    public void Dispose()
    {
        _chain.Dispose();
        _grammar?.Dispose();
    }
}
