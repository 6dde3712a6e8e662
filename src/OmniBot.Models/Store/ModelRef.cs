using System.Diagnostics.CodeAnalysis;

namespace OmniBot.Models.Store;

/// <summary>
/// A model's name in the store, <c>name:tag</c> (tag "latest" when left out). Names and tags are lowercase
/// letters, digits, '.', '_' and '-', starting with a letter or digit, without "..", so that no name can
/// reach outside the models folder. Input is lowercased: names are case-insensitive.
/// </summary>
public readonly record struct ModelRef
{
    public const string DefaultTag = "latest";

    private const int MaxNameLength = 80;
    private const int MaxTagLength = 80;

    public ModelRef(string name, string tag)
    {
        Name = Validate(name, "name", MaxNameLength);
        Tag = Validate(tag, "tag", MaxTagLength);
    }

    public string Name { get; }

    public string Tag { get; }

    /// <summary>Parses <c>name</c> or <c>name:tag</c>; throws <see cref="InvalidModelNameException"/> for anything else.</summary>
    public static ModelRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new ModelRef(text, DefaultTag)
            : new ModelRef(text[..colon], text[(colon + 1)..]);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out ModelRef modelRef)
    {
        modelRef = default;
        if (text is null)
        {
            return false;
        }

        try
        {
            modelRef = Parse(text);
            return true;
        }
        catch (InvalidModelNameException)
        {
            return false;
        }
    }

    /// <summary>Turns free text (a file or repository name) into a valid name part: lowercased, odd characters replaced by '-'.</summary>
    public static string Sanitize(string text, int maxLength = MaxNameLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.ToLowerInvariant().Select(c => IsAllowed(c) ? c : '-').ToArray();
        var cleaned = new string(chars);
        while (cleaned.Contains("..", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("..", ".", StringComparison.Ordinal);
        }

        cleaned = cleaned.Trim('.', '-', '_');
        if (cleaned.Length > maxLength)
        {
            cleaned = cleaned[..maxLength].TrimEnd('.', '-', '_');
        }

        return cleaned.Length == 0 ? "model" : cleaned;
    }

    public override string ToString() => Name is null ? string.Empty : $"{Name}:{Tag}";

    private static string Validate(string value, string part, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var lowered = value.ToLowerInvariant();
        var bad = lowered.FirstOrDefault(c => !IsAllowed(c));
        string? problem = lowered switch
        {
            "" => $"the {part} is empty",
            _ when lowered.Length > maxLength => $"the {part} is longer than {maxLength} characters",
            _ when !char.IsAsciiLetterOrDigit(lowered[0]) => $"the {part} must start with a letter or digit",
            _ when lowered.Contains("..", StringComparison.Ordinal) => $"the {part} contains \"..\"",
            _ when bad != default => $"the {part} contains '{bad}'",
            _ => null,
        };

        return problem is null
            ? lowered
            : throw new InvalidModelNameException($"'{value}' is not a valid model {part}: {problem}. Use letters, digits, '.', '_' and '-', as in 'qwen2.5:0.5b'.");
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-';
}
