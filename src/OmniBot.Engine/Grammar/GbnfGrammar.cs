namespace OmniBot.Engine.Grammar;

/// <summary>
/// A GBNF grammar parsed and checked in managed code, so that text users hand us never reaches
/// llama.cpp unless llama.cpp will accept it (a bad grammar there is only a log line and a null
/// sampler). Checks: syntax, undefined rules, the root rule, left recursion, and the <see cref="GrammarLimits"/>
/// on size and nesting, so hostile text can neither crash nor stall the server.
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
    /// <exception cref="GbnfParseException">The text is not a grammar llama.cpp would accept, or is past one of the <paramref name="limits"/> (default <see cref="GrammarLimits.Default"/>).</exception>
    public static GbnfGrammar Parse(string text, string rootRule = DefaultRootRule, GrammarLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(rootRule);
        limits ??= GrammarLimits.Default;
        limits.Validate();
        var parser = GbnfParser.Parse(text, limits);
        var rules = parser.Rules;
        var names = rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, position) in parser.References)
        {
            if (!names.Contains(name))
            {
                var (line, column) = parser.LineAndColumn(position);
                throw new GbnfParseException($"rule '{name}' is used but never defined", line, column);
            }
        }

        if (!names.Contains(rootRule))
        {
            throw new GbnfParseException(
                $"the grammar has no '{rootRule}' rule to start from; add '{rootRule} ::= ...'", 1, 1);
        }

        var nodes = GbnfNodeList.From(rules);
        GbnfElementCount.ThrowIfTooMany(nodes, limits);
        GbnfRecursionCheck.ThrowIfLeftRecursive(rules, nodes, limits);
        return new GbnfGrammar(text, rootRule, rules);
    }

    public Gbnf ToGbnf() => new(Text, RootRule);
}
