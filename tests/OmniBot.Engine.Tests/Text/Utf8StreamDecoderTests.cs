using System.Text;
using OmniBot.Engine.Text;

namespace OmniBot.Engine.Tests.Text;

public sealed class Utf8StreamDecoderTests
{
    [Fact]
    public void Append_CharacterSplitAcrossPieces_IsEmittedWholeOnce()
    {
        var bytes = Encoding.UTF8.GetBytes("é🙂");
        var decoder = new Utf8StreamDecoder();

        var pieces = bytes.Select(b => decoder.Append([b])).ToList();

        Assert.All(pieces, piece => Assert.DoesNotContain('\uFFFD', piece));
        Assert.Equal("é🙂", string.Concat(pieces));
        Assert.Equal(string.Empty, pieces[0]);
    }

    [Fact]
    public void Flush_IncompleteTrailingCharacter_BecomesReplacementCharacter()
    {
        var decoder = new Utf8StreamDecoder();

        Assert.Equal("a", decoder.Append([(byte)'a', 0xF0, 0x9F]));
        Assert.Equal("\uFFFD", decoder.Flush());
    }
}
