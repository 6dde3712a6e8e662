using LLama.Native;

namespace OmniBot.Engine.Benchmarks;

/// <summary>Seeded random prompts of ordinary (non-control, non end-of-generation) tokens.</summary>
internal static class BenchmarkPrompts
{
    public static int[] Create(SafeLlamaModelHandle model, int length, int seed)
    {
        var vocab = model.Vocab;
        var random = new Random(seed);
        var tokens = new int[length];
        for (var i = 0; i < length; i++)
        {
            int candidate;
            do
            {
                candidate = random.Next(vocab.Count);
            }
            while (((LLamaToken)candidate).IsControl(vocab) || ((LLamaToken)candidate).IsEndOfGeneration(vocab));

            tokens[i] = candidate;
        }

        return tokens;
    }
}
