namespace OmniBot.Engine.Grammar;

/// <summary>
/// A JSON schema uses a keyword or construct that cannot be turned into a grammar without
/// accepting values the schema forbids. <see cref="Path"/> is the JSON pointer of the schema
/// object ("" for the root) and <see cref="Keyword"/> the keyword at fault.
/// </summary>
public sealed class GrammarConversionException : Exception
{
    public GrammarConversionException(string problem, string keyword, string path)
        : base($"Cannot turn the JSON schema into a grammar: '{keyword}' at '#{path}': {problem}")
    {
        Problem = problem;
        Keyword = keyword;
        Path = path;
    }

    public string Problem { get; }

    public string Keyword { get; }

    public string Path { get; }
}
