using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OmniBot.Engine.Loading;

/// <summary>
/// How many transformer layers to offload to the GPU: a number, or <see cref="Auto"/> (as many as
/// fit in free VRAM by the memory estimate; none without a GPU). The default value is zero layers.
/// </summary>
public readonly record struct GpuLayers
{
    private const int AutoMarker = -1;
    private readonly int _value;

    private GpuLayers(int value) => _value = value;

    /// <summary>As many layers as fit in free GPU memory; zero when there is no GPU.</summary>
    public static GpuLayers Auto => new(AutoMarker);

    /// <summary>Everything on the CPU.</summary>
    public static GpuLayers None => default;

    /// <summary>Every layer, including the output layer (llama.cpp clamps the count).</summary>
    public static GpuLayers All => new(int.MaxValue);

    public bool IsAuto => _value == AutoMarker;

    /// <summary>The fixed count, or null for <see cref="Auto"/>.</summary>
    public int? Count => IsAuto ? null : _value;

    public static GpuLayers FromCount(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        return new GpuLayers(layers);
    }

    /// <summary>Parses "auto", "all" or a non-negative layer count.</summary>
    public static GpuLayers Parse(string text) =>
        TryParse(text, out var layers)
            ? layers
            : throw new FormatException($"'{text}' is not a GPU layer count; use a number of layers, \"auto\" or \"all\".");

    public static bool TryParse([NotNullWhen(true)] string? text, out GpuLayers layers)
    {
        var trimmed = text?.Trim();
        if (string.Equals(trimmed, "auto", StringComparison.OrdinalIgnoreCase))
        {
            layers = Auto;
            return true;
        }

        if (string.Equals(trimmed, "all", StringComparison.OrdinalIgnoreCase))
        {
            layers = All;
            return true;
        }

        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            layers = new GpuLayers(count);
            return true;
        }

        layers = default;
        return false;
    }

    public override string ToString() =>
        IsAuto ? "auto" : _value == int.MaxValue ? "all" : _value.ToString(CultureInfo.InvariantCulture);
}
