using System.Globalization;

namespace OmniBot.Web.Backends;

/// <summary>A model a backend offers, with what is known about it (remote backends know less).</summary>
public sealed record BackendModel(string Id)
{
    public long? SizeBytes { get; init; }

    public long? ParameterCount { get; init; }

    /// <summary>The parameter count as the backend words it ("7.6B"), when it gives no number.</summary>
    public string? ParameterSize { get; init; }

    public string? Quantization { get; init; }

    public long? ContextLength { get; init; }

    /// <summary>Whether the model is in memory now (in-process backend only).</summary>
    public bool IsLoaded { get; init; }

    /// <summary>One line of facts: "494M · Q8_0 · 531 MB · 32768 ctx · loaded".</summary>
    public string Facts
    {
        get
        {
            var parts = new List<string>();
            if (ParameterCount is > 0 and var count)
            {
                parts.Add(Count(count));
            }
            else if (!string.IsNullOrEmpty(ParameterSize))
            {
                parts.Add(ParameterSize);
            }

            if (!string.IsNullOrEmpty(Quantization))
            {
                parts.Add(Quantization);
            }

            if (SizeBytes is > 0 and var size)
            {
                parts.Add(Bytes(size));
            }

            if (ContextLength is > 0 and var context)
            {
                parts.Add(context.ToString(CultureInfo.InvariantCulture) + " ctx");
            }

            if (IsLoaded)
            {
                parts.Add("loaded");
            }

            return string.Join(" · ", parts);
        }
    }

    private static string Count(long count) => count switch
    {
        >= 1_000_000_000 => (count / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (count / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (count / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KB",
    };
}
