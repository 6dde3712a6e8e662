using System.Globalization;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Walks a JSON schema and writes GBNF rules for it, in the shape of llama.cpp's
/// json-schema-to-grammar: one rule per schema location, named after the property path,
/// <c>space</c> after every value, references as (possibly recursive) rules.
/// </summary>
internal sealed partial class SchemaGrammarWriter
{
    private const string RootRule = "root";
    private const string Quote = "\"\\\"\"";

    private readonly GbnfRuleSet _rules;
    private readonly SchemaCombiner _combiner;
    private readonly Dictionary<string, string> _referenceRules = new(StringComparer.Ordinal);
    private readonly GrammarLimits _limits;
    private int _depth;
    private int _properties;

    private SchemaGrammarWriter(JsonNode root, GrammarLimits limits)
    {
        _combiner = new SchemaCombiner(root);
        _rules = new GbnfRuleSet(limits);
        _limits = limits;
    }

    public static Gbnf Write(JsonNode root, GrammarLimits limits)
    {
        var writer = new SchemaGrammarWriter(root, limits);
        var name = writer._rules.Reserve(RootRule);
        writer._rules.Define(name, writer.Expression(root, string.Empty, string.Empty));
        var text = writer._rules.Format(RootRule);
        try
        {
            // The same checks and limits as grammar text from a request: nothing unchecked reaches llama.cpp.
            return GbnfGrammar.Parse(text, RootRule, limits).ToGbnf();
        }
        catch (GbnfParseException e) when (e.Problem.Contains("left-recursive", StringComparison.Ordinal))
        {
            throw SchemaKeywords.Error("$ref", string.Empty, "the schema refers back to itself before any JSON structure opens (for example a $ref cycle through anyOf), so no value could ever be finished");
        }
        catch (GbnfParseException e) when (e.Problem.Contains(nameof(GrammarLimits), StringComparison.Ordinal))
        {
            throw SchemaKeywords.Error("schema", string.Empty, $"the grammar for this schema is too large: {e.Problem}; make the schema smaller");
        }
    }

    /// <summary>
    /// Grammar for any value the schema accepts: a rule name or an inline expression. Each subschema
    /// (and each <c>$ref</c> followed) is one level deeper, at most <see cref="GrammarLimits.MaxSchemaDepth"/>.
    /// </summary>
    private string Expression(JsonNode? schema, string hint, string path)
    {
        if (++_depth > _limits.MaxSchemaDepth)
        {
            throw SchemaKeywords.Error("schema", path, $"the schema nests deeper than {_limits.MaxSchemaDepth} levels here (GrammarLimits.MaxSchemaDepth; every $ref followed counts as a level); flatten it or shorten the chain of references");
        }

        var expression = Unnested(schema, hint, path);
        _depth--;
        return expression;
    }

    private string Unnested(JsonNode? schema, string hint, string path)
    {
        var alternatives = _combiner.Expand(schema, path);
        if (alternatives.Count == 0)
        {
            throw SchemaKeywords.Error("schema", path, "no value satisfies this schema (false, or contradictory allOf/anyOf/oneOf parts)");
        }

        if (alternatives.Count == 1)
        {
            return Plain(alternatives[0], hint);
        }

        var baseHint = hint.Length == 0 ? RootRule : hint;
        return GbnfText.Alternatives(alternatives.Select((a, i) =>
        {
            var optionHint = Hint(baseHint, i.ToString(CultureInfo.InvariantCulture));
            return _rules.Named(optionHint, Plain(a, optionHint));
        }));
    }

    private string Plain(SchemaAlternative alternative, string hint)
    {
        if (alternative.Reference is { } reference)
        {
            return ReferenceRule(reference, alternative.Path);
        }

        var schema = alternative.Schema;
        var path = alternative.Path;
        var types = SchemaTypes.Generated(schema);
        if (schema["enum"] is JsonArray values)
        {
            return EnumValues(schema, values, types, path);
        }

        if (types.Count == SchemaTypes.All.Count && schema.Count == 0)
        {
            return _rules.Primitive("value");
        }

        if (types.Contains("number"))
        {
            types.Remove("integer");
        }

        var options = types.Select(type => type switch
        {
            "null" => _rules.Primitive("null"),
            "boolean" => _rules.Primitive("boolean"),
            "integer" => IntegerValue(schema, path),
            "number" => NumberValue(schema, path),
            "string" => StringValue(schema, path),
            "array" => ArrayValue(schema, hint, path),
            _ => ObjectValue(schema, hint, path),
        });
        return GbnfText.Alternatives(options);
    }

    private string ReferenceRule(string reference, string path)
    {
        if (_referenceRules.TryGetValue(reference, out var known))
        {
            return known;
        }

        var (target, targetPath) = _combiner.Resolve(reference, path);
        var lastSegment = targetPath.Length == 0 ? RootRule + "-ref" : targetPath[(targetPath.LastIndexOf('/') + 1)..];
        var name = _rules.Reserve(lastSegment);
        _referenceRules[reference] = name;
        _rules.Define(name, Expression(target, name, targetPath));
        return name;
    }

    private string EnumValues(JsonObject schema, JsonArray values, List<string> types, string path)
    {
        foreach (var (keyword, _) in schema)
        {
            if (keyword is not "enum" and not "type")
            {
                throw SchemaKeywords.Error(keyword, path, $"enum/const together with '{keyword}' is not supported; list only the values that satisfy '{keyword}'");
            }
        }

        var allowed = values.Where(v => SchemaKeywords.KindsOf(v).Any(types.Contains)).ToList();
        if (allowed.Count == 0)
        {
            throw SchemaKeywords.Error("enum", path, "no enum/const value has one of the allowed types");
        }

        var space = _rules.Primitive("space");
        return GbnfText.Alternatives(allowed.Select(v => GbnfText.Sequence(GbnfText.Literal(JsonLiteralText.Write(v)), space)));
    }

    private static string Hint(string parent, string child) => parent.Length == 0 ? child : parent + "-" + child;
}
