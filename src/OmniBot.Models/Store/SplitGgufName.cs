using System.Globalization;
using System.Text.RegularExpressions;

namespace OmniBot.Models.Store;

/// <summary>llama.cpp's split naming, <c>PREFIX-00001-of-00003.gguf</c>: which part a file is and its siblings' names.</summary>
public static partial class SplitGgufName
{
    public static bool TryParse(string fileName, out string prefix, out int partNumber, out int partCount)
    {
        var match = SplitPattern().Match(fileName ?? string.Empty);
        prefix = match.Success ? match.Groups["prefix"].Value : string.Empty;
        partNumber = match.Success ? int.Parse(match.Groups["no"].Value, CultureInfo.InvariantCulture) : 0;
        partCount = match.Success ? int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success && partNumber >= 1 && partNumber <= partCount;
    }

    public static string Format(string prefix, int partNumber, int partCount) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{partNumber:00000}-of-{partCount:00000}.gguf");

    /// <summary>Every part's file name, in order, for any one part's name; the name alone when it is not split.</summary>
    public static IReadOnlyList<string> AllParts(string fileName) =>
        TryParse(fileName, out var prefix, out _, out var count)
            ? Enumerable.Range(1, count).Select(number => Format(prefix, number, count)).ToArray()
            : [fileName];

    [GeneratedRegex(@"^(?<prefix>.+)-(?<no>\d{5})-of-(?<count>\d{5})\.gguf$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SplitPattern();
}
