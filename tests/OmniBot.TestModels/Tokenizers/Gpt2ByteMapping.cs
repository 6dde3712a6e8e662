using System.Text;

namespace OmniBot.TestModels.Tokenizers;

/// <summary>
/// GPT-2's reversible byte-to-character mapping: printable Latin-1 bytes stand for themselves, every
/// other byte is shifted to a printable character from U+0100 on, so byte-level tokens are text.
/// </summary>
internal static class Gpt2ByteMapping
{
    private static readonly (char[] ByteToCharacter, char[] VocabularyOrder) Tables = BuildTables();

    /// <summary>The 256 byte characters in vocabulary order: the self-mapped bytes first, then the shifted ones.</summary>
    public static IReadOnlyList<char> CharactersInVocabularyOrder => Tables.VocabularyOrder;

    public static string Map(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length);
        foreach (var value in bytes)
        {
            builder.Append(Tables.ByteToCharacter[value]);
        }

        return builder.ToString();
    }

    private static (char[] ByteToCharacter, char[] VocabularyOrder) BuildTables()
    {
        static bool MapsToItself(int value) => value is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);

        var mapping = new char[256];
        var ordered = new List<char>(256);
        for (var value = 0; value < 256; value++)
        {
            if (MapsToItself(value))
            {
                mapping[value] = (char)value;
                ordered.Add((char)value);
            }
        }

        var shifted = 0;
        for (var value = 0; value < 256; value++)
        {
            if (!MapsToItself(value))
            {
                mapping[value] = (char)(256 + shifted++);
                ordered.Add(mapping[value]);
            }
        }

        return (mapping, [.. ordered]);
    }
}
