using System.Text.Json.Serialization;

namespace OmniBot.Models.Downloads;

/// <summary>One byte range of a download: [Start, End) with Done bytes written; End is null while the size is unknown.</summary>
internal sealed class DownloadSegment
{
    private long _done;

    public long Start { get; init; }

    public long? End { get; set; }

    public long Done
    {
        get => Interlocked.Read(ref _done);
        set => Interlocked.Exchange(ref _done, value);
    }

    [JsonIgnore]
    public bool IsComplete => End is { } end && Start + Done >= end;
}
