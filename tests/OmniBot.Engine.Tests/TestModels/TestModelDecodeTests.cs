using LLama.Native;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.TestModels;

public sealed class TestModelDecodeTests
{
    private const int Steps = 6;

    public static TheoryData<TestArchitecture, TestQuantization> AllVariants => TestModelVariants.All();

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void Decode_GreedySteps_GiveFiniteLogitsAndTokensInVocabulary(TestArchitecture architecture, TestQuantization quantization)
    {
        using var model = NativeTestModel.Load(TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), quantization));

        var generated = DecodeGreedy(model, "<|im_start|>user\nHello world<|im_end|>\n<|im_start|>assistant\n", out var allFinite);

        Assert.True(allFinite, "Every logit must be finite.");
        Assert.Equal(Steps, generated.Count);
        Assert.All(generated, token => Assert.InRange(token, 0, model.Handle.Vocab.Count - 1));
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public void Decode_SameModelTwice_GivesTheSameGreedyTokens(TestArchitecture architecture)
    {
        using var model = NativeTestModel.Load(TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), TestQuantization.F32));

        var first = DecodeGreedy(model, "Once upon a time", out _);
        var second = DecodeGreedy(model, "Once upon a time", out _);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public void Decode_PromptsEndingInTheSameToken_ContinueDifferently(TestArchitecture architecture)
    {
        using var model = NativeTestModel.Load(TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), TestQuantization.F32));
        const string First = "I think that the";
        const string Second = "Once upon a time there lived the";
        Assert.Equal(model.Tokenize(First)[^1], model.Tokenize(Second)[^1]);

        var first = DecodeGreedy(model, First, out _);
        var second = DecodeGreedy(model, Second, out _);

        // The output depends on the whole context, not only on the last token.
        Assert.NotEqual(first, second);
    }

    private static List<int> DecodeGreedy(NativeTestModel model, string prompt, out bool allFinite)
    {
        var parameters = LLamaContextParams.Default();
        parameters.n_ctx = 256;
        parameters.n_batch = 256;
        parameters.n_threads = 1;
        parameters.n_threads_batch = 1;
        using var context = model.Handle.CreateContext(parameters);
        var tokens = model.Tokenize(prompt, addBos: true, special: true);
        var batch = new LLamaBatch();
        batch.AddRange(tokens, 0, LLamaSeqId.Zero, true);
        var position = tokens.Length;
        var generated = new List<int>();
        allFinite = true;
        for (var step = 0; step < Steps; step++)
        {
            Assert.Equal(DecodeResult.Ok, context.Decode(batch));
            var logits = context.GetLogitsIth(batch.TokenCount - 1);
            var best = 0;
            for (var i = 0; i < logits.Length; i++)
            {
                allFinite &= float.IsFinite(logits[i]);
                if (logits[i] > logits[best])
                {
                    best = i;
                }
            }

            generated.Add(best);
            batch.Clear();
            batch.Add((LLamaToken)best, position++, LLamaSeqId.Zero, true);
        }

        return generated;
    }
}
