using System.Diagnostics;
using LLama.Native;
using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Benchmarks;

/// <summary>
/// The floor every engine figure is compared with: a tight loop straight on llama.cpp's native API,
/// with no scheduling, streaming or text handling, run on the calling thread.
/// </summary>
internal static class NativeFloorBenchmark
{
    public static FloorResult RunSingle(SafeLlamaModelHandle model, BenchmarkSettings settings)
    {
        using var context = CreateContext(model, settings, sequences: 1);
        using var sampler = GreedySampler();
        var batch = new LLamaBatch();
        var prompt = BenchmarkPrompts.Create(model, settings.PromptTokens, settings.Seed);

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < prompt.Length; i++)
        {
            batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
        }

        Decode(context, batch);
        var token = sampler.Sample(context, batch.TokenCount - 1);
        var promptDone = Stopwatch.GetTimestamp();

        for (var step = 0; step < settings.GeneratedTokens; step++)
        {
            batch.Clear();
            batch.Add(token, prompt.Length + step, LLamaSeqId.Zero, true);
            Decode(context, batch);
            token = sampler.Sample(context, 0);
        }

        var end = Stopwatch.GetTimestamp();
        return new FloorResult(
            PromptTokensPerSecond: prompt.Length / Stopwatch.GetElapsedTime(start, promptDone).TotalSeconds,
            GenerationTokensPerSecond: settings.GeneratedTokens / Stopwatch.GetElapsedTime(promptDone, end).TotalSeconds,
            TimeToFirstToken: Stopwatch.GetElapsedTime(start, promptDone));
    }

    /// <summary>Aggregate generation speed of several sequences decoded in one batch per step.</summary>
    public static double RunMultiSequence(SafeLlamaModelHandle model, BenchmarkSettings settings)
    {
        var sequences = settings.FloorSequences;
        using var context = CreateContext(model, settings, sequences);
        var samplers = Enumerable.Range(0, sequences).Select(_ => GreedySampler()).ToArray();
        try
        {
            var batch = new LLamaBatch();
            var tokens = new LLamaToken[sequences];
            for (var seq = 0; seq < sequences; seq++)
            {
                var prompt = BenchmarkPrompts.Create(model, settings.PromptTokens, settings.Seed + seq);
                batch.Clear();
                for (var i = 0; i < prompt.Length; i++)
                {
                    batch.Add(prompt[i], i, (LLamaSeqId)seq, i == prompt.Length - 1);
                }

                Decode(context, batch);
                tokens[seq] = samplers[seq].Sample(context, batch.TokenCount - 1);
            }

            var start = Stopwatch.GetTimestamp();
            for (var step = 0; step < settings.GeneratedTokens; step++)
            {
                batch.Clear();
                for (var seq = 0; seq < sequences; seq++)
                {
                    batch.Add(tokens[seq], settings.PromptTokens + step, (LLamaSeqId)seq, true);
                }

                Decode(context, batch);
                for (var seq = 0; seq < sequences; seq++)
                {
                    tokens[seq] = samplers[seq].Sample(context, seq);
                }
            }

            return sequences * settings.GeneratedTokens / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            foreach (var sampler in samplers)
            {
                sampler.Dispose();
            }
        }
    }

    private static SafeLLamaSamplerChainHandle GreedySampler()
    {
        var parameters = LLamaSamplerChainParams.Default();
        parameters.NoPerf = true;
        var chain = SafeLLamaSamplerChainHandle.Create(parameters);
        chain.AddGreedySampler();
        return chain;
    }

    private static SafeLLamaContextHandle CreateContext(SafeLlamaModelHandle model, BenchmarkSettings settings, int sequences) =>
        CreateContext(model, settings.ContextPerSequence * sequences, sequences, settings.Threads, GGMLType.GGML_TYPE_F16);

    /// <summary>A context like the scheduler's (one KV stream per sequence, no flash attention) for native loops.</summary>
    public static SafeLLamaContextHandle CreateContext(SafeLlamaModelHandle model, int contextSize, int sequences, int threads, GGMLType kvCacheType)
    {
        var parameters = LLamaContextParams.Default();
        parameters.n_ctx = (uint)contextSize;
        parameters.n_seq_max = (uint)sequences;
        parameters.n_batch = 512;
        parameters.n_ubatch = 512;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.no_perf = true;
        parameters.kv_unified = false;
        parameters.type_k = parameters.type_v = kvCacheType;
        parameters.llama_flash_attn_type = LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_DISABLED;
        return SafeLLamaContextHandle.Create(model, parameters);
    }

    public static void Decode(SafeLLamaContextHandle context, LLamaBatch batch)
    {
        var result = context.Decode(batch);
        if (result != DecodeResult.Ok)
        {
            throw new LlamaEngineException($"The native floor benchmark could not decode ({result}).");
        }
    }
}

internal readonly record struct FloorResult(double PromptTokensPerSecond, double GenerationTokensPerSecond, TimeSpan TimeToFirstToken);
