namespace OmniBot.Models.Tests.Downloads;

/// <summary>What the loopback server does wrong on one file request: an error status, a connection cut after some bytes, or a stall.</summary>
internal sealed record ServerFault
{
    public int? Status { get; init; }

    /// <summary>The reason phrase sent with <see cref="Status"/> instead of the standard one.</summary>
    public string? Reason { get; init; }

    /// <summary>A body sent with <see cref="Status"/>.</summary>
    public string? Body { get; init; }

    public long? DropAfterBytes { get; init; }

    /// <summary>Sends this many bytes, then stops sending until the client gives up.</summary>
    public long? StallAfterBytes { get; init; }

    public static ServerFault WithStatus(int status, string? reason = null, string? body = null) => new() { Status = status, Reason = reason, Body = body };

    public static ServerFault DropAfter(long bytes) => new() { DropAfterBytes = bytes };

    public static ServerFault StallAfter(long bytes) => new() { StallAfterBytes = bytes };
}
