namespace OmniBot.Engine.Grammar;

/// <summary>
/// A GBNF grammar was rejected before it reached llama.cpp. <see cref="Line"/> and <see cref="Column"/>
/// (1-based) point at the offending text.
/// </summary>
public sealed class GbnfParseException : Exception
{
    public GbnfParseException(string problem, int line, int column)
        : base($"Invalid GBNF grammar at line {line}, column {column}: {problem}")
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    public int Line { get; }

    public int Column { get; }
}
