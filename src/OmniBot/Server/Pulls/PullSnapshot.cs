using OmniBot.Models.Downloads;
using OmniBot.Models.Store;

namespace OmniBot.Server.Pulls;

/// <summary>A pull as it stands: its progress while running, the stored model once it succeeded, the reason once it failed.</summary>
public sealed record PullSnapshot(
    string Id,
    string Source,
    string? RequestedName,
    PullState State,
    DownloadProgress? Progress,
    string? Error,
    ModelManifest? Manifest,
    DateTimeOffset StartedAt)
{
    public bool IsFinished => State != PullState.Running;
}
