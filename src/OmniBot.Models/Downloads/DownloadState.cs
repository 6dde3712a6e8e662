using System.Text.Json;
using System.Text.Json.Serialization;
using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>
/// What a partial download needs to resume, saved beside it as JSON: where it comes from, the size and ETag
/// the server gave, and how far each range got. Saved only after the data it counts is flushed.
/// </summary>
internal sealed class DownloadState
{
    public required string Url { get; init; }

    public long? TotalBytes { get; set; }

    public string? ETag { get; init; }

    public string? ExpectedSha256 { get; init; }

    public bool SupportsRanges { get; set; }

    public required List<DownloadSegment> Segments { get; init; }

    [JsonIgnore]
    public long BytesDone => Segments.Sum(segment => segment.Done);

    public static DownloadState? Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<DownloadState>(File.ReadAllBytes(path), ModelStore.JsonOptions);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, ModelStore.JsonOptions));
}
