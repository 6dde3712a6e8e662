using LLama.Native;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Text;

namespace OmniBot.Engine.Sampling;

/// <summary>
/// One request's sampler: its chain, and optionally a grammar that every sampled token must satisfy.
/// With a grammar it takes llama.cpp's fast path: sample first and check only that token against the
/// grammar; only when the grammar rejects it, constrain all candidates and sample again. Under a grammar
/// a token must also keep the reply well-formed UTF-8 and show as text (no stray control tokens): llama.cpp's
/// grammar decodes bytes more loosely than UTF-8 allows and counts control tokens by their markup.
/// </summary>
internal sealed class TokenSampler : IDisposable
{
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly SafeLLamaSamplerChainHandle? _grammar;
    private readonly LLamaTokenData[] _candidates;
    private readonly LLamaTokenData[] _single = new LLamaTokenData[1];
    private readonly TokenDetokenizer? _pieces;
    private readonly Func<LLamaToken, bool>? _isEndOfGeneration;
    private readonly IReadOnlySet<int> _preserved;
    private readonly IReadOnlyList<int> _triggers;
    private readonly TimeSpan _stepTimeLimit;
    private bool _awaitingTrigger;
    private Utf8Validator _utf8;

    private TokenSampler(SafeLLamaSamplerChainHandle chain, SafeLLamaSamplerChainHandle? grammar, SafeLlamaModelHandle? model, Func<LLamaToken, bool>? isEndOfGeneration, IReadOnlySet<int>? preserved, IReadOnlyList<int>? triggers = null, TimeSpan? stepTimeLimit = null)
    {
        _stepTimeLimit = stepTimeLimit ?? Timeout.InfiniteTimeSpan;
        _preserved = preserved ?? new HashSet<int>();
        _triggers = triggers ?? [];
        _awaitingTrigger = _triggers.Count > 0;
        _chain = chain;
        _grammar = grammar;
        _candidates = model is null ? [] : new LLamaTokenData[model.Vocab.Count];
        _pieces = model is null ? null : new TokenDetokenizer(model);
        _isEndOfGeneration = isEndOfGeneration;
    }

    /// <param name="preserved">Control tokens the reply shows as text (tool-call markers); under a grammar they count as visible text.</param>
    /// <param name="grammarStepTimeLimit">Past this much time constraining one token, <see cref="Sample"/> throws <see cref="GrammarTooCostlyException"/>; null never.</param>
    public static TokenSampler Create(SafeLlamaModelHandle model, SamplingOptions options, Gbnf? grammar, int contextSize, Func<LLamaToken, bool> isEndOfGeneration, IReadOnlySet<int>? preserved = null, TimeSpan? grammarStepTimeLimit = null)
    {
        var chain = SamplerChainFactory.Create(model, options, contextSize);
        if (grammar is null)
        {
            return new TokenSampler(chain, null, null, null, null);
        }

        var parameters = LLamaSamplerChainParams.Default();
        parameters.NoPerf = true;
        var grammarChain = SafeLLamaSamplerChainHandle.Create(parameters);
        if (grammar.IsLazy)
        {
            // Free text until a trigger token is sampled; from there on the grammar holds. Only tokens trigger:
            // a trigger word can complete in the middle of a token whose rest breaks the grammar, which llama.cpp
            // answers with an exception that would take down the process.
            LazyGrammarSampler.Add(grammarChain, model, grammar.Text, grammar.RootRule, grammar.TriggerTokens);
        }
        else
        {
            grammarChain.AddGrammar(model.Vocab, grammar.Text, grammar.RootRule);
        }

        return new TokenSampler(chain, grammarChain, model, isEndOfGeneration, preserved, grammar.IsLazy ? grammar.TriggerTokens : null, grammarStepTimeLimit);
    }

    public bool HasGrammar => _grammar is not null;

    // Called for every candidate when the grammar rejects a token: skip the lookup in the usual empty case.
    private bool IsPreserved(LLamaToken token) => _preserved.Count > 0 && _preserved.Contains((int)token);


    /// <summary>Samples from the logits at batch position <paramref name="index"/> and accepts the token.</summary>
    public LLamaToken Sample(SafeLLamaContextHandle context, int index)
    {
        if (_grammar is null)
        {
            return _chain.Sample(context, index);
        }

        var logits = context.GetLogitsIth(index);
        var token = Select(logits, constrained: false);
        if (_awaitingTrigger)
        {
            // Until a lazy grammar triggers, the reply is exactly what it would be without one.
            _chain.Accept(token);
            _grammar.Accept(token);
            _awaitingTrigger = !_triggers.Contains((int)token);
            return token;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!ShowsAsValidText(token) || !_grammar.Allows(token, _single))
        {
            token = Select(logits, constrained: true);
        }

        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (_stepTimeLimit != Timeout.InfiniteTimeSpan && took > _stepTimeLimit)
        {
            throw new GrammarTooCostlyException(took, _stepTimeLimit);
        }

        _utf8.TryAdvance(_pieces!.GetBytes(token, IsPreserved(token)));
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
            var data = native.Data;
            for (var i = 0; i < data.Length; i++)
            {
                if (!float.IsNegativeInfinity(data[i].Logit) && !ShowsAsValidText(data[i].ID))
                {
                    data[i].Logit = float.NegativeInfinity;
                }
            }
        }

        _chain.Apply(ref native);
        return native.Data[checked((int)native.Selected)].ID;
    }

    /// <summary>End of generation, or a token with visible text that keeps the UTF-8 well-formed.</summary>
    private bool ShowsAsValidText(LLamaToken token)
    {
        if (_isEndOfGeneration!(token))
        {
            return true;
        }

        var bytes = _pieces!.GetBytes(token, IsPreserved(token));
        return !bytes.IsEmpty && _utf8.Allows(bytes);
    }

    public void Dispose()
    {
        _chain.Dispose();
        _grammar?.Dispose();
    }
}
