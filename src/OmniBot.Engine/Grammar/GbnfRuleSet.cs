using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Collects the rules of a grammar being written: unique names made only of the characters
/// llama.cpp allows, one rule per distinct body, and repetitions kept under llama.cpp's count limit.
/// The rules and their text stay within <see cref="GrammarLimits"/> as they are added, so a schema
/// that would need a huge grammar fails early instead of building it.
/// </summary>
internal sealed class GbnfRuleSet
{
    private const int RepetitionChunk = 1000;

    // llama.cpp copies a repeated literal or class once per repetition; a longer one becomes a rule.
    private const int LongestCopiedItem = 32;

    private readonly Dictionary<string, string?> _bodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _namesByBody = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly GrammarLimits _limits;
    private long _length;

    public GbnfRuleSet(GrammarLimits limits)
    {
        _limits = limits;
        foreach (var name in JsonPrimitiveRules.Rules.Keys.Concat(FormatRules.Names))
        {
            // Claimed up front so no schema-derived rule can take a primitive's name.
            _bodies[name] = null;
        }
    }

    /// <summary>Claims a unique name for a rule whose body is written later with <see cref="Define"/>.</summary>
    public string Reserve(string desiredName)
    {
        if (_order.Count >= _limits.MaxGrammarRules)
        {
            throw TooBig($"more than {_limits.MaxGrammarRules} rules (GrammarLimits.MaxGrammarRules)");
        }

        var baseName = Sanitize(desiredName);
        var name = baseName;
        // Remembering the last suffix keeps many rules wanting one name linear, not quadratic.
        var i = _nextSuffix.GetValueOrDefault(baseName, 1);
        while (_bodies.ContainsKey(name))
        {
            name = baseName + "-" + i.ToString(CultureInfo.InvariantCulture);
            i++;
        }

        _nextSuffix[baseName] = i;
        _bodies[name] = null;
        return name;
    }

    public void Define(string name, string body)
    {
        if (!_bodies.TryGetValue(name, out var existing) || existing is not null)
        {
            throw new InvalidOperationException($"Rule '{name}' was not reserved or is already defined.");
        }

        _length += name.Length + body.Length + 6;
        if (_length > _limits.MaxGrammarLength)
        {
            throw TooBig($"more than {_limits.MaxGrammarLength} characters of grammar (GrammarLimits.MaxGrammarLength)");
        }

        _bodies[name] = body;
        _order.Add(name);
    }

    private static GrammarConversionException TooBig(string what) =>
        new($"the schema needs {what}; make it smaller (fewer properties, enum values or nested parts)", "schema", string.Empty);

    /// <summary>Adds a rule, reusing an existing rule with the same body; returns its name.</summary>
    public string Add(string desiredName, string body)
    {
        if (_namesByBody.TryGetValue(body, out var known))
        {
            return known;
        }

        var name = Reserve(desiredName);
        Define(name, body);
        _namesByBody[body] = name;
        return name;
    }

    /// <summary>A rule for the expression, or the expression itself when it is already a rule name.</summary>
    public string Named(string desiredName, string expression) =>
        GbnfText.IsRuleName(expression) ? expression : Add(desiredName, expression);

    public string Primitive(string name)
    {
        if (_bodies.TryGetValue(name, out var body) && body is not null)
        {
            return name;
        }

        var (primitiveBody, uses) = JsonPrimitiveRules.Rules.TryGetValue(name, out var primitive)
            ? primitive
            : FormatRules.Rules[name];
        _bodies[name] = primitiveBody;
        _order.Add(name);
        foreach (var used in uses)
        {
            Primitive(used);
        }

        return name;
    }

    /// <summary>The item repeated min..max times (max null: unbounded).</summary>
    public string Repeat(string item, int min, int? max)
    {
        if (max < min)
        {
            throw new InvalidOperationException($"Repetition maximum {max} is below its minimum {min}.");
        }

        if (max == 0 || item.Length == 0)
        {
            return string.Empty;
        }

        if ((min > 1 || max > 1) && item.Length > LongestCopiedItem && !GbnfText.IsRuleName(item) && item[0] is '"' or '[')
        {
            item = Add("repeat-item", item);
        }

        var atom = GbnfText.Atom(item);
        if (min <= GbnfParser.MaxRepetitionCount && (max ?? 0) <= GbnfParser.MaxRepetitionCount)
        {
            return (min, max) switch
            {
                (0, 1) => atom + "?",
                (0, null) => atom + "*",
                (1, null) => atom + "+",
                (1, 1) => item,
                _ when min == max => atom + "{" + min.ToString(CultureInfo.InvariantCulture) + "}",
                (_, null) => atom + "{" + min.ToString(CultureInfo.InvariantCulture) + ",}",
                _ => atom + "{" + min.ToString(CultureInfo.InvariantCulture) + "," + max.Value.ToString(CultureInfo.InvariantCulture) + "}",
            };
        }

        var exact = Exactly(atom, min);
        var rest = max is null ? atom + "*" : UpTo(atom, max.Value - min);
        return GbnfText.Sequence(exact, rest);
    }

    // Counts above llama.cpp's limit: whole chunks of a fixed size, then the remainder.
    private string Exactly(string atom, int count)
    {
        if (count <= GbnfParser.MaxRepetitionCount)
        {
            return Repeat(atom, count, count);
        }

        var chunk = Add("repeat-chunk", atom + "{" + RepetitionChunk.ToString(CultureInfo.InvariantCulture) + "}");
        return GbnfText.Sequence(Repeat(chunk, count / RepetitionChunk, count / RepetitionChunk), Repeat(atom, count % RepetitionChunk, count % RepetitionChunk));
    }

    // 0..count as "up to q-1 whole chunks and fewer than a chunk more" or "exactly q chunks and at
    // most the remainder": the two never overlap, and each keeps only a few parses alive at once.
    private string UpTo(string atom, int count)
    {
        if (count <= GbnfParser.MaxRepetitionCount)
        {
            return Repeat(atom, 0, count);
        }

        var chunk = Add("repeat-chunk", atom + "{" + RepetitionChunk.ToString(CultureInfo.InvariantCulture) + "}");
        var chunks = count / RepetitionChunk;
        var shorter = GbnfText.Sequence(Repeat(chunk, 0, chunks - 1), Repeat(atom, 0, RepetitionChunk - 1));
        var longest = GbnfText.Sequence(Repeat(chunk, chunks, chunks), Repeat(atom, 0, count % RepetitionChunk));
        return Add("repeat-up-to-" + count.ToString(CultureInfo.InvariantCulture), GbnfText.Alternatives([shorter, longest]));
    }

    public string Format(string rootName)
    {
        var builder = new StringBuilder();
        foreach (var name in _order.OrderBy(n => n == rootName ? 0 : 1))
        {
            builder.Append(name).Append(" ::= ").Append(_bodies[name]).Append('\n');
        }

        return builder.ToString();
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            var keep = GbnfParser.IsWordChar(c) ? c : '-';
            if (keep != '-' || (builder.Length > 0 && builder[^1] != '-'))
            {
                builder.Append(keep);
            }
        }

        var sanitized = builder.ToString().Trim('-');
        return sanitized.Length == 0 ? "rule" : sanitized;
    }
}
