using OmniBot.Engine.Reasoning;

namespace OmniBot.Engine.Tests.Reasoning;

public sealed class ReasoningStreamSplitterTests
{
    private static readonly ReasoningFormat Think = new("<think>", "</think>");

    private static (string Reasoning, string Answer) Split(ReasoningStreamSplitter splitter, params string[] pieces)
    {
        var all = pieces.SelectMany(splitter.Append).Concat(splitter.Flush()).ToList();
        return (string.Concat(all.Where(p => p.IsReasoning).Select(p => p.Text)), string.Concat(all.Where(p => !p.IsReasoning).Select(p => p.Text)));
    }

    [Fact]
    public void Append_MarkersSplitAcrossPieces_SeparateThinkingFromTheAnswer()
    {
        var (reasoning, answer) = Split(new ReasoningStreamSplitter(Think, startsInside: false), "<th", "ink>Let me ", "think.</th", "ink>\n\nThe answer", " is 4.");

        Assert.Equal("Let me think.", reasoning);
        Assert.Equal("The answer is 4.", answer);
    }

    [Fact]
    public void Append_PromptOpenedThinking_EverythingUntilTheCloseMarkerIsThinking()
    {
        var (reasoning, answer) = Split(new ReasoningStreamSplitter(Think, startsInside: true), "Hmm.", "</think>", "Yes.");

        Assert.Equal("Hmm.", reasoning);
        Assert.Equal("Yes.", answer);
    }

    [Fact]
    public void Append_ReplyWithoutThinking_IsAllAnswer()
    {
        var (reasoning, answer) = Split(new ReasoningStreamSplitter(Think, startsInside: false), "Just ", "an answer with <think> later");

        Assert.Empty(reasoning);
        Assert.Equal("Just an answer with <think> later", answer);
    }

    [Fact]
    public void Detect_TemplatesOfReasoningFamilies_FindTheirMarkers()
    {
        Assert.Equal(Think, ReasoningFormat.Detect("{{ '<think>\\n' }}"));
        Assert.Equal(new ReasoningFormat("[THINK]", "[/THINK]"), ReasoningFormat.Detect("[THINK]{{ x }}[/THINK]"));
        Assert.Null(ReasoningFormat.Detect("{{ messages }}"));
        Assert.True(Think.PromptOpensThinking("<|im_start|>assistant\n<think>\n"));
        Assert.False(Think.PromptOpensThinking("<|im_start|>assistant\n<think>\n\n</think>\n\n"));
    }
}
