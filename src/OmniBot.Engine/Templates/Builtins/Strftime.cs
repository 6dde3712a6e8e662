using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>C's <c>strftime</c> in the "C" locale (what Python's <c>datetime.strftime</c> calls on Linux), including glibc's <c>%-d</c> style flags.</summary>
internal static class Strftime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTime time, string format)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                builder.Append(c);
                continue;
            }

            var start = i;
            char? flag = format[i + 1] is '-' or '_' or '0' or '^' or '#' ? format[++i] : null;
            if (i + 1 >= format.Length)
            {
                builder.Append(format, start, format.Length - start);
                break;
            }

            var directive = format[++i];
            var text = Directive(time, directive);
            if (text is null)
            {
                builder.Append(format, start, i - start + 1);
                continue;
            }

            builder.Append(ApplyFlag(text, flag, directive));
        }

        return builder.ToString();
    }

    private static string ApplyFlag(string text, char? flag, char directive)
    {
        var numeric = text.Length > 0 && text.All(char.IsAsciiDigit) && directive is not ('Y' or 'G' or 's');
        return flag switch
        {
            '-' when numeric => text.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0",
            '_' when numeric => (text.TrimStart('0') is { Length: > 0 } spaced ? spaced : "0").PadLeft(text.Length, ' '),
            '^' => text.ToUpperInvariant(),
            '#' => text.Any(char.IsLower) ? text.ToUpperInvariant() : text.ToLowerInvariant(),
            _ => text,
        };
    }

    private static string? Directive(DateTime t, char directive)
    {
        var inv = CultureInfo.InvariantCulture;
        return directive switch
        {
            'a' => Days[(int)t.DayOfWeek][..3],
            'A' => Days[(int)t.DayOfWeek],
            'b' or 'h' => Months[t.Month - 1][..3],
            'B' => Months[t.Month - 1],
            'c' => $"{Days[(int)t.DayOfWeek][..3]} {Months[t.Month - 1][..3]} {t.Day,2} {t:HH:mm:ss} {t.Year}",
            'C' => (t.Year / 100).ToString("00", inv),
            'd' => t.Day.ToString("00", inv),
            'D' => t.ToString("MM/dd/yy", inv),
            'e' => t.Day.ToString(inv).PadLeft(2, ' '),
            'F' => t.ToString("yyyy-MM-dd", inv),
            'g' => (ISOWeek.GetYear(t) % 100).ToString("00", inv),
            'G' => ISOWeek.GetYear(t).ToString(inv),
            'H' => t.Hour.ToString("00", inv),
            'I' => (t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString("00", inv),
            'j' => t.DayOfYear.ToString("000", inv),
            'k' => t.Hour.ToString(inv).PadLeft(2, ' '),
            'l' => (t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString(inv).PadLeft(2, ' '),
            'm' => t.Month.ToString("00", inv),
            'M' => t.Minute.ToString("00", inv),
            'n' => "\n",
            'p' => t.Hour < 12 ? "AM" : "PM",
            'P' => t.Hour < 12 ? "am" : "pm",
            'r' => $"{(t.Hour % 12 == 0 ? 12 : t.Hour % 12):00}:{t.Minute:00}:{t.Second:00} {(t.Hour < 12 ? "AM" : "PM")}",
            'R' => t.ToString("HH:mm", inv),
            's' => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Local)).ToUnixTimeSeconds().ToString(inv),
            'S' => t.Second.ToString("00", inv),
            't' => "\t",
            'T' => t.ToString("HH:mm:ss", inv),
            'u' => (t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek).ToString(inv),
            'U' => ((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7).ToString("00", inv),
            'V' => ISOWeek.GetWeekOfYear(t).ToString("00", inv),
            'w' => ((int)t.DayOfWeek).ToString(inv),
            'W' => ((t.DayOfYear + 6 - (((int)t.DayOfWeek + 6) % 7)) / 7).ToString("00", inv),
            'x' => t.ToString("MM/dd/yy", inv),
            'X' => t.ToString("HH:mm:ss", inv),
            'y' => (t.Year % 100).ToString("00", inv),
            'Y' => t.Year.ToString(inv),
            'z' or 'Z' => string.Empty,
            'f' => (t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", inv),
            '%' => "%",
            _ => null,
        };
    }
}
