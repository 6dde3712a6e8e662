using System.Diagnostics;
using LLama.Native;
using OmniBot.Engine.Benchmarks;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Speculation;

namespace OmniBot.Bench;

/// <summary>
/// The native floor of speculation on this machine: what one decode of n tokens costs next to one of a
/// single token, the greedy text straight from the native API, and from both the most any draft policy
/// could gain with prompt lookup on that text (an oracle that knows which guesses will hold).
/// </summary>
internal static class SpeculationFloor
{
    /// <summary>Median seconds of one decode of n = 1..<paramref name="maxTokens"/> tokens, all with logits, after a prefix.</summary>
    public static double[] DecodeCosts(LlamaModel model, int threads, int prefix, int maxTokens, int repeats)
    {
        using var context = CreateContext(model, threads);
        var batch = new LLamaBatch();
        for (var i = 0; i < prefix; i++)
        {
            batch.Add((LLamaToken)(100 + i), i, LLamaSeqId.Zero, false);
        }

        Decode(context, batch);
        var costs = new double[maxTokens + 1];
        for (var n = 1; n <= maxTokens; n++)
        {
            var times = new List<double>();
            for (var run = 0; run < repeats + 1; run++)
            {
                batch.Clear();
                for (var i = 0; i < n; i++)
                {
                    batch.Add((LLamaToken)(500 + i), prefix + i, LLamaSeqId.Zero, true);
                }

                var start = Stopwatch.GetTimestamp();
                Decode(context, batch);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                context.MemorySequenceRemove(LLamaSeqId.Zero, prefix, -1);
                if (run > 0)
                {
                    times.Add(elapsed);
                }
            }

            costs[n] = BenchmarkStatistics.Median(times);
        }

        return costs;
    }

    /// <summary>Greedy tokens after <paramref name="prompt"/>, never picking a banned (end-of-generation) token.</summary>
    public static int[] GreedyTokens(LlamaModel model, int threads, IReadOnlyList<int> prompt, int count, IReadOnlyCollection<int> banned)
    {
        using var context = CreateContext(model, threads);
        var batch = new LLamaBatch();
        for (var i = 0; i < prompt.Count; i++)
        {
            batch.Add((LLamaToken)prompt[i], i, LLamaSeqId.Zero, i == prompt.Count - 1);
        }

        Decode(context, batch);
        var bannedSet = banned.ToHashSet();
        var output = new int[count];
        for (var step = 0; step < count; step++)
        {
            var logits = context.GetLogitsIth(batch.TokenCount - 1);
            var best = -1;
            for (var token = 0; token < logits.Length; token++)
            {
                if (!bannedSet.Contains(token) && (best < 0 || logits[token] > logits[best]))
                {
                    best = token;
                }
            }

            output[step] = best;
            batch.Clear();
            batch.Add((LLamaToken)best, prompt.Count + step, LLamaSeqId.Zero, true);
            Decode(context, batch);
        }

        return output;
    }

    /// <summary>
    /// How far logits move when the output is decoded two tokens of the sequence per batch, as a verification
    /// does, instead of one at a time: the largest difference over the first <paramref name="positions"/> tokens.
    /// </summary>
    public static double BatchDrift(LlamaModel model, int threads, IReadOnlyList<int> prompt, IReadOnlyList<int> output, int positions)
    {
        using var context = CreateContext(model, threads);
        var batch = new LLamaBatch();
        for (var i = 0; i < prompt.Count; i++)
        {
            batch.Add((LLamaToken)prompt[i], i, LLamaSeqId.Zero, false);
        }

        Decode(context, batch);
        positions = Math.Min(positions, output.Count) / 2 * 2;
        var alone = new float[positions][];
        for (var i = 0; i < positions; i++)
        {
            batch.Clear();
            batch.Add((LLamaToken)output[i], prompt.Count + i, LLamaSeqId.Zero, true);
            Decode(context, batch);
            alone[i] = context.GetLogitsIth(0).ToArray();
        }

        context.MemorySequenceRemove(LLamaSeqId.Zero, prompt.Count, -1);
        var drift = 0.0;
        for (var i = 0; i < positions; i += 2)
        {
            batch.Clear();
            batch.Add((LLamaToken)output[i], prompt.Count + i, LLamaSeqId.Zero, true);
            batch.Add((LLamaToken)output[i + 1], prompt.Count + i + 1, LLamaSeqId.Zero, true);
            Decode(context, batch);
            for (var row = 0; row < 2; row++)
            {
                var batched = context.GetLogitsIth(row);
                for (var token = 0; token < batched.Length; token++)
                {
                    drift = Math.Max(drift, Math.Abs(alone[i + row][token] - batched[token]));
                }
            }
        }

        return drift;
    }

    public static string Detokenize(LlamaModel model, IEnumerable<int> tokens)
    {
        var detokenizer = new OmniBot.Engine.Text.TokenDetokenizer(model.Handle);
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            bytes.AddRange(detokenizer.GetBytes((LLamaToken)token).ToArray());
        }

        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// The best speed-up over one-token decoding that prompt lookup could give on this output with these
    /// decode costs: at every position the oracle drafts exactly the length that leads to the fastest finish.
    /// </summary>
    public static (double Speedup, int Accepted) BestLookupSpeedup(IReadOnlyList<int> prompt, IReadOnlyList<int> output, double[] costs, SpeculationOptions lookup)
    {
        var maxDraft = costs.Length - 2;
        var n = output.Count;
        var best = new double[n + 1];
        var accepted = new int[n + 1];
        for (var done = n - 1; done >= 1; done--)
        {
            var history = prompt.Concat(output.Take(done)).Select(token => (LLamaToken)token).ToList();
            var guess = PromptLookupProposer.Propose(history, lookup, Math.Min(maxDraft, n - done - 1));
            best[done] = double.MaxValue;
            for (var length = 0; length <= guess.Count; length++)
            {
                var kept = 0;
                while (kept < length && guess[kept] == output[done + kept])
                {
                    kept++;
                }

                var next = Math.Min(n, done + kept + 1);
                var time = costs[length + 1] + best[next];
                if (time < best[done])
                {
                    (best[done], accepted[done]) = (time, kept + accepted[next]);
                }
            }
        }

        return (costs[1] * (n - 1) / best[1], accepted[1]);
    }

    // F32 KV: the verification numbers are compared with one-token decoding at full attention precision.
    private static SafeLLamaContextHandle CreateContext(LlamaModel model, int threads) =>
        NativeFloorBenchmark.CreateContext(model.Handle, contextSize: 2048, sequences: 1, threads, GGMLType.GGML_TYPE_F32);

    private static void Decode(SafeLLamaContextHandle context, LLamaBatch batch) => NativeFloorBenchmark.Decode(context, batch);
}
