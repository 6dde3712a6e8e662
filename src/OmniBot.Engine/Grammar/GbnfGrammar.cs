namespace OmniBot.Engine.Grammar;

/// <summary>
/// A GBNF grammar parsed and checked in managed code, so that text users hand us never reaches
/// llama.cpp unless llama.cpp will accept it (a bad grammar there is only a log line and a null
/// sampler). Checks: syntax, undefined rules, the root rule, left recursion.
/// </summary>
public sealed class GbnfGrammar
{
    public const string DefaultRootRule = "root";

    private readonly Dictionary<string, GbnfRule> _rulesByName;

    private GbnfGrammar(string text, string rootRule, IReadOnlyList<GbnfRule> rules)
    {
        Text = text;
        RootRule = rootRule;
        Rules = rules;
        _rulesByName = rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public string Text { get; }

    public string RootRule { get; }

    /// <summary>The rules in the order they are written.</summary>
    public IReadOnlyList<GbnfRule> Rules { get; }

    public GbnfRule this[string name] =>
        _rulesByName.TryGetValue(name, out var rule)
            ? rule
            : throw new KeyNotFoundException($"The grammar has no rule named '{name}'.");

    /// <summary>Parses and validates GBNF text.</summary>
    /// <exception cref="GbnfParseException">The text is not a grammar llama.cpp would accept.</exception>
    public static GbnfGrammar Parse(string text, string rootRule = DefaultRootRule)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(rootRule);
        var (rules, references) = GbnfParser.Parse(text);
        var names = rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, line, column) in references)
        {
            if (!names.Contains(name))
            {
                throw new GbnfParseException($"rule '{name}' is used but never defined", line, column);
            }
        }

        if (!names.Contains(rootRule))
        {
            throw new GbnfParseException(
                $"the grammar has no '{rootRule}' rule to start from; add '{rootRule} ::= ...'", 1, 1);
        }

        GbnfRecursionCheck.ThrowIfLeftRecursive(rules);
        return new GbnfGrammar(text, rootRule, rules);
    }

    public Gbnf ToGbnf() => new(Text, RootRule);
}
