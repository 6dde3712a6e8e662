using LLama.Native;

namespace OmniBot.Engine.Sampling;

/// <summary>Builds a native sampler chain in llama.cpp's customary order.</summary>
internal static class SamplerChainFactory
{
    private const uint RandomSeed = 0xFFFFFFFF;

    public static SafeLLamaSamplerChainHandle Create(SafeLlamaModelHandle model, SamplingOptions options, int contextSize)
    {
        var chainParams = LLamaSamplerChainParams.Default();
        chainParams.NoPerf = true;
        var chain = SafeLLamaSamplerChainHandle.Create(chainParams);
        try
        {
            AddShaping(chain, model, options, contextSize);
            if (options.IsGreedy)
            {
                chain.AddGreedySampler();
            }
            else
            {
                AddStochastic(chain, options);
            }

            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static void AddShaping(SafeLLamaSamplerChainHandle chain, SafeLlamaModelHandle model, SamplingOptions options, int contextSize)
    {
        if (options.LogitBias.Count > 0)
        {
            var vocabSize = model.Vocab.Count;
            var biases = options.LogitBias
                .Where(pair => pair.Key >= 0 && pair.Key < vocabSize)
                .Select(pair => new LLamaLogitBias { Token = pair.Key, Bias = pair.Value })
                .ToArray();
            chain.AddLogitBias(vocabSize, biases);
        }

        // llama.cpp allocates a ring buffer as long as the window, so a window past the context (which could never
        // fill it) would let one request ask for gigabytes.
        var penaltyWindow = Window(options.PenaltyLastN, contextSize);
        var penalised = options.RepeatPenalty != 1.0f || options.FrequencyPenalty != 0 || options.PresencePenalty != 0;
        if (penalised && penaltyWindow > 0)
        {
            chain.AddPenalties(penaltyWindow, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty);
        }

        if (options.DryMultiplier > 0)
        {
            var dryWindow = Window(options.DryPenaltyLastN, contextSize);
            var breakers = options.DrySequenceBreakers.ToArray();
            chain.AddDry(model, breakers, options.DryMultiplier, options.DryBase, options.DryAllowedLength, dryWindow);
        }
    }

    /// <summary>How many recent tokens a penalty looks back over: -1 is the whole context, and no window is longer.</summary>
    internal static int Window(int lastN, int contextSize) => lastN < 0 ? contextSize : Math.Min(lastN, contextSize);

    private static void AddStochastic(SafeLLamaSamplerChainHandle chain, SamplingOptions options)
    {
        var seed = options.Seed ?? RandomSeed;
        if (options.TopK > 0)
        {
            chain.AddTopK(options.TopK);
        }

        if (options.TypicalP < 1)
        {
            chain.AddTypical(options.TypicalP, 1);
        }

        if (options.TopP < 1)
        {
            chain.AddTopP(options.TopP, 1);
        }

        if (options.MinP > 0)
        {
            chain.AddMinP(options.MinP, 1);
        }

        if (options.XtcProbability > 0)
        {
            chain.AddXTC(options.XtcProbability, options.XtcThreshold, 1, seed);
        }

        chain.AddTemperature(options.Temperature);
        chain.AddDistributionSampler(seed);
    }
}
