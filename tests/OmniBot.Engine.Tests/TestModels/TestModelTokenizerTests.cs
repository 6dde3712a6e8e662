using LLama.Native;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.TestModels;

public sealed class TestModelTokenizerTests
{
    public static TheoryData<TestArchitecture, string> RoundTripTexts()
    {
        string[] texts =
        [
            "Hello world",
            "The weather today is nice, isn't it?",
            "héllo wörld: naïve café",
            "emoji 🙂👍🏽 and 世界",
            "line one\nline two\ttabbed  double  spaces",
            "{\"name\": \"value\", \"count\": 42}",
        ];
        var data = new TheoryData<TestArchitecture, string>();
        foreach (var architecture in Enum.GetValues<TestArchitecture>())
        {
            foreach (var text in texts)
            {
                data.Add(architecture, text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void Tokenize_Text_DetokenizesToTheSameText(TestArchitecture architecture, string text)
    {
        using var model = LoadTiny(architecture);

        var tokens = model.Tokenize(text);

        // SentencePiece marks the start of text as a word boundary, which detokenizes as one leading space.
        var expected = architecture == TestArchitecture.Llama ? " " + text : text;
        Assert.Equal(expected, model.Detokenize(tokens));
        Assert.All(tokens, token => Assert.InRange((int)token, 0, model.Handle.Vocab.Count - 1));
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public void Tokenize_CommonWords_UseLearnedMultiCharacterPieces(TestArchitecture architecture)
    {
        using var model = LoadTiny(architecture);

        var tokens = model.Tokenize("Hello world");

        Assert.InRange(tokens.Length, 2, 8);
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public void Tokenize_ChatMlControlTokensWithSpecialParsing_AreSingleTokens(TestArchitecture architecture)
    {
        using var model = LoadTiny(architecture);

        var start = model.Tokenize(ChatMlTemplate.StartToken, special: true);
        var end = model.Tokenize(ChatMlTemplate.EndToken, special: true);
        var turn = model.Tokenize($"{ChatMlTemplate.StartToken}user\nHi{ChatMlTemplate.EndToken}", special: true);

        var startToken = Assert.Single(start);
        var endToken = Assert.Single(end);
        Assert.Equal(startToken, turn[0]);
        Assert.Equal(endToken, turn[^1]);
        Assert.Equal(endToken, model.Handle.Vocab.EOT);
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public void Tokenize_ChatMlControlTokensWithoutSpecialParsing_AreSplitAsText(TestArchitecture architecture)
    {
        using var model = LoadTiny(architecture);
        var endToken = Assert.Single(model.Tokenize(ChatMlTemplate.EndToken, special: true));

        var tokens = model.Tokenize(ChatMlTemplate.EndToken, special: false);

        Assert.True(tokens.Length > 1);
        Assert.DoesNotContain(endToken, tokens);
    }

    [Fact]
    public void Vocab_Llama_HasSentencePieceSpecialTokensAndAddsBos()
    {
        using var model = LoadTiny(TestArchitecture.Llama);
        var vocab = model.Handle.Vocab;

        Assert.Equal(1, (int?)vocab.BOS);
        Assert.Equal(2, (int?)vocab.EOS);
        Assert.True(vocab.ShouldAddBOS);
        Assert.Equal("<s>", model.Detokenize([(LLamaToken)1]));
        Assert.Equal((LLamaToken)1, model.Tokenize("Hi", addBos: true)[0]);
        // The byte-fallback token for '\n' sits after <unk>, <s>, </s>.
        Assert.Equal(3 + '\n', (int?)vocab.Newline);
    }

    [Fact]
    public void Vocab_Qwen2_EndsWithQwenControlTokensAndAddsNoBos()
    {
        using var model = LoadTiny(TestArchitecture.Qwen2);
        var vocab = model.Handle.Vocab;
        var count = vocab.Count;

        Assert.Equal("<|endoftext|>", model.Detokenize([(LLamaToken)(count - 3)]));
        Assert.Equal(ChatMlTemplate.StartToken, model.Detokenize([(LLamaToken)(count - 2)]));
        Assert.Equal(ChatMlTemplate.EndToken, model.Detokenize([(LLamaToken)(count - 1)]));
        Assert.Equal(count - 3, (int?)vocab.BOS);
        Assert.Equal(count - 1, (int?)vocab.EOS);
        Assert.False(vocab.ShouldAddBOS);
        Assert.Equal(model.Tokenize("Hi"), model.Tokenize("Hi", addBos: true));
    }

    private static NativeTestModel LoadTiny(TestArchitecture architecture) =>
        NativeTestModel.Load(TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), TestQuantization.Q8_0));
}
