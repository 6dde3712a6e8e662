using System.Globalization;

namespace OmniBot.Engine.Hardware;

/// <summary>Formats byte counts the way people read them: 1.5 GiB, 640 KiB.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "unknown";
        }

        double size = value;
        var unit = 0;
        while (Math.Abs(size) >= 1024 && unit < Units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value} B")
            : string.Create(CultureInfo.InvariantCulture, $"{size:0.0} {Units[unit]}");
    }
}
