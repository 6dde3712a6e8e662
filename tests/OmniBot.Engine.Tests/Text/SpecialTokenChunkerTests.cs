using System.Text;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Tests.Inference;
using OmniBot.Engine.Text;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Text;

/// <summary>Tokenizing the pieces one by one gives exactly the tokens of tokenizing the whole text, for both tokenizer kinds.</summary>
public sealed class SpecialTokenChunkerTests
{
    private static readonly string[] Raw = ["hello", " world", "\n", "  ", "ünïcödé", "user", "assistant", "<|im", "_end|>", "a b", "\t", "42", "😀"];

    [Theory]
    [InlineData(TestArchitecture.Llama, 1)]
    [InlineData(TestArchitecture.Llama, 16)]
    [InlineData(TestArchitecture.Llama, 200)]
    [InlineData(TestArchitecture.Qwen2, 1)]
    [InlineData(TestArchitecture.Qwen2, 16)]
    [InlineData(TestArchitecture.Qwen2, 200)]
    public void Split_RandomMixOfSpecialAndPlainText_TokenizesLikeTheWholeText(TestArchitecture architecture, int chunkLength)
    {
        var model = TestModelHandles.Get(architecture);
        var specials = SpecialTokenChunker.SpecialTokenTexts(model.Vocab);
        var chunker = new SpecialTokenChunker(specials, chunkLength);
        var random = new Random(chunkLength * 31 + (int)architecture);

        for (var sample = 0; sample < 40; sample++)
        {
            var text = new StringBuilder();
            for (var part = random.Next(1, 60); part > 0; part--)
            {
                text.Append(random.Next(3) == 0 ? specials[random.Next(specials.Count)] : Raw[random.Next(Raw.Length)]);
            }

            var whole = model.Tokenize(text.ToString(), true, true, Encoding.UTF8);
            var pieces = chunker.Split(text.ToString());
            var joined = pieces.SelectMany((piece, index) => model.Tokenize(piece, index == 0, true, Encoding.UTF8)).ToArray();

            Assert.Equal(text.ToString(), string.Concat(pieces));
            Assert.Equal(whole.Select(token => (int)token), joined.Select(token => (int)token));
        }
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public async Task Tokenize_FiveThousandMessages_GivesTheTokensOfTheWholeText(TestArchitecture architecture)
    {
        var model = TestModelHandles.Get(architecture);
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 512, Threads = 2 }, "tiny");
        var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<|im_start|>user\nturn {i} hello<|im_end|>\n"));

        var tokens = scheduler.Tokenize([PromptSegment.Template(text)]);

        Assert.Equal(model.Tokenize(text, model.Vocab.ShouldAddBOS, true, Encoding.UTF8).Select(token => (int)token), tokens);
    }
}
