namespace OmniBot.Engine.Grammar;

/// <summary>
/// Bounds on the schemas, patterns and grammars that requests may hand the converter and the GBNF
/// parser. Every parser and walk over these trees is iterative or stays below a nesting bound far
/// under what the stack holds, and the work and output stay near-linear in the input; past a bound
/// the request gets a <see cref="GrammarConversionException"/> or <see cref="GbnfParseException"/>
/// naming it. The defaults leave room for any real application's schema (OpenAI's strict mode
/// allows 5,000 properties and 10 levels of nesting).
/// </summary>
public sealed record GrammarLimits
{
    public static GrammarLimits Default { get; } = new();

    /// <summary>Characters of JSON text in one schema.</summary>
    public int MaxSchemaLength { get; init; } = 1024 * 1024;

    /// <summary>JSON values (objects, arrays, strings, numbers...) in one schema.</summary>
    public int MaxSchemaNodes { get; init; } = 200_000;

    /// <summary>
    /// Nesting of the schema: levels of JSON in the document, and levels of subschemas the grammar
    /// reaches, each <c>$ref</c> followed counting as one more.
    /// </summary>
    public int MaxSchemaDepth { get; init; } = 64;

    /// <summary>Object properties written into the grammar, over the whole schema.</summary>
    public int MaxProperties { get; init; } = 10_000;

    /// <summary>
    /// Optional properties of one object. llama.cpp's grammar keeps a stack for every property that may come next, so
    /// its cost per token grows faster than their number: about 30 ms at 1,000 and over a second at 10,000 on two
    /// cores, spent on the decode thread that every request shares.
    /// </summary>
    public int MaxOptionalProperties { get; init; } = 1_000;

    /// <summary>Characters of one <c>pattern</c>.</summary>
    public int MaxPatternLength { get; init; } = 100_000;

    /// <summary>Groups nested inside one another in a <c>pattern</c>.</summary>
    public int MaxPatternDepth { get; init; } = 256;

    /// <summary>The largest count in a <c>pattern</c> quantifier such as <c>{2,5}</c>.</summary>
    public int MaxPatternRepetition { get; init; } = 100_000;

    /// <summary>Characters of GBNF text, whether written by the converter or sent in a request.</summary>
    public int MaxGrammarLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>Rules in one GBNF grammar.</summary>
    public int MaxGrammarRules { get; init; } = 100_000;

    /// <summary>
    /// Groups nested inside one another in GBNF text, and rules, groups and repetitions llama.cpp
    /// opens one inside another before it reaches text (it follows those recursively).
    /// </summary>
    public int MaxGrammarDepth { get; init; } = 1024;

    /// <summary>
    /// Elements llama.cpp builds from the grammar once it has copied out every repetition
    /// (<c>"abc"{3}</c> is nine); this is what bounds its memory for the grammar.
    /// </summary>
    public int MaxGrammarElements { get; init; } = 4_000_000;

    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSchemaLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSchemaNodes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSchemaDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxProperties);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxOptionalProperties);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPatternLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPatternDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPatternRepetition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxGrammarLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxGrammarRules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxGrammarDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxGrammarElements);
    }
}
