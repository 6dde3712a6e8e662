namespace OmniBot.Engine.Templates;

/// <summary>
/// Bounds and environment for one render. The defaults fit every real chat template with a long conversation;
/// they exist so an untrusted template (one read from a downloaded model) can never hang or exhaust memory.
/// </summary>
public sealed record JinjaRenderOptions
{
    /// <summary>The shared default options.</summary>
    public static JinjaRenderOptions Default { get; } = new();

    /// <summary>Total <c>for</c> loop iterations (all loops together, filters' internal loops excluded) one render may run.</summary>
    public long MaxLoopIterations { get; init; } = 1_000_000;

    /// <summary>How deeply macro calls (and recursive <c>loop(...)</c> calls) may nest.</summary>
    public int MaxRecursionDepth { get; init; } = 100;

    /// <summary>
    /// The longest output, and the longest string or list the template may build on the way, in UTF-16 code units (or items).
    /// </summary>
    public int MaxOutputLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long one render may run, checked as loops iterate and macros are called (so past it by at most a few
    /// iterations' work). Real chat templates render in milliseconds; a hostile one could otherwise grow a string a
    /// little on each of a million iterations and copy terabytes while staying under every size limit.
    /// </summary>
    public TimeSpan MaxRenderTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The clock <c>strftime_now(format)</c> reads (local time, as transformers uses <c>datetime.now()</c>),
    /// and the one <see cref="MaxRenderTime"/> is measured with.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLoopIterations, nameof(MaxLoopIterations));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRecursionDepth, nameof(MaxRecursionDepth));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxOutputLength, nameof(MaxOutputLength));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxRenderTime, TimeSpan.Zero, nameof(MaxRenderTime));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
