using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

internal sealed partial class SchemaGrammarWriter
{
    private sealed record PropertySlot(string KeyValue, bool Required);

    /// <summary>
    /// Objects: required properties first, then optional ones in declaration order (any subset,
    /// kept in order), then additional properties. Like llama.cpp, listing <c>properties</c>
    /// without <c>additionalProperties</c> allows no others. With <c>minProperties</c>/
    /// <c>maxProperties</c> the rules also count the properties written so far.
    /// </summary>
    private string ObjectValue(JsonObject schema, string hint, string path)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var required = (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        var hasAdditional = schema.TryGetPropertyValue("additionalProperties", out var additional);
        var minProperties = SchemaKeywords.Count(schema, "minProperties", path) ?? 0;
        var maxProperties = SchemaKeywords.Count(schema, "maxProperties", path);
        if (maxProperties < minProperties)
        {
            throw SchemaKeywords.Error("maxProperties", path, $"maxProperties {maxProperties} is below minProperties {minProperties}");
        }

        if (properties.Count == 0 && required.Count == 0 && !hasAdditional && minProperties == 0 && maxProperties is null)
        {
            return _rules.Primitive("object");
        }

        var space = _rules.Primitive("space");
        var slots = new List<PropertySlot>();
        var ordered = properties.Select(p => p.Key).Where(required.Contains)
            .Concat(required.Where(r => !properties.ContainsKey(r)))
            .Concat(properties.Select(p => p.Key).Where(k => !required.Contains(k)));
        foreach (var name in ordered)
        {
            var isRequired = required.Contains(name);
            var (valueSchema, valuePath) = properties.TryGetPropertyValue(name, out var own)
                ? (own, SchemaKeywords.Child(SchemaKeywords.Child(path, "properties"), name))
                : (hasAdditional ? additional : JsonValue.Create(true), SchemaKeywords.Child(path, "additionalProperties"));
            if (SchemaMerger.IsFalse(valueSchema))
            {
                if (isRequired)
                {
                    throw SchemaKeywords.Error("required", path, $"property '{name}' is required but its schema allows no value");
                }

                continue;
            }

            slots.Add(new PropertySlot(KeyValueRule(name, valueSchema, hint, valuePath, space), isRequired));
        }

        string? additionalKeyValue = null;
        var allowsAdditional = hasAdditional ? !SchemaMerger.IsFalse(additional) : properties.Count == 0 && required.Count == 0;
        if (allowsAdditional)
        {
            var valueHint = Hint(hint, "additional-value");
            var value = SchemaMerger.IsTrue(additional)
                ? _rules.Primitive("value")
                : _rules.Named(valueHint, Expression(additional, valueHint, SchemaKeywords.Child(path, "additionalProperties")));
            var declared = properties.Select(p => p.Key).Union(required, StringComparer.Ordinal).ToList();
            var key = declared.Count == 0 ? _rules.Primitive("string") : KeyExcludingRule(declared, hint, space);
            additionalKeyValue = _rules.Add(Hint(hint, "additional-kv"), GbnfText.Sequence(key, "\":\"", space, value));
        }

        var requiredCount = slots.Count(s => s.Required);
        var countMatters = minProperties > requiredCount || (maxProperties is not null && (additionalKeyValue is not null || maxProperties < slots.Count));
        var layout = new ObjectLayout(this, slots, additionalKeyValue, countMatters ? minProperties : 0, countMatters ? maxProperties : null, hint, space);
        var members = layout.From(0, emitted: false, count: 0)
            ?? throw SchemaKeywords.Error("minProperties", path, "no object with these properties satisfies minProperties/maxProperties");
        return GbnfText.Sequence("\"{\"", space, members, "\"}\"", space);
    }

    private string KeyValueRule(string name, JsonNode? valueSchema, string hint, string valuePath, string space)
    {
        var valueHint = Hint(hint, name);
        var value = _rules.Named(valueHint, Expression(valueSchema, valueHint, valuePath));
        var key = GbnfText.Literal("\"" + JsonStringFragments.EncodeString(name) + "\"");
        return _rules.Add(valueHint + "-kv", GbnfText.Sequence(key, space, "\":\"", space, value));
    }

    /// <summary>A JSON string whose value is none of the names, built on a trie of the names.</summary>
    private string KeyExcludingRule(List<string> names, string hint, string space)
    {
        var root = new KeyTrie();
        foreach (var name in names)
        {
            var node = root;
            foreach (var rune in name.EnumerateRunes())
            {
                if (!node.Children.TryGetValue(rune.Value, out var child))
                {
                    node.Children[rune.Value] = child = new KeyTrie();
                }

                node = child;
            }

            node.IsName = true;
        }

        return _rules.Add(Hint(hint, "additional-key"), GbnfText.Sequence(Quote, KeyRest(root), Quote, space));
    }

    private string KeyRest(KeyTrie node)
    {
        var options = new List<string>();
        if (!node.IsName)
        {
            options.Add(string.Empty);
        }

        foreach (var (codePoint, child) in node.Children)
        {
            options.Add(GbnfText.Sequence(GbnfText.Literal(JsonStringFragments.Encode(codePoint)), KeyRest(child)));
        }

        var others = CodePointSet.All.Except(CodePointSet.FromRanges(node.Children.Keys.Select(c => (c, c))));
        options.Add(GbnfText.Sequence(GbnfText.Atom(JsonStringFragments.AnyOf(others)!), _rules.Primitive("char") + "*"));
        return GbnfText.Alternatives(options);
    }

    private sealed class KeyTrie
    {
        public SortedDictionary<int, KeyTrie> Children { get; } = [];

        public bool IsName { get; set; }
    }

    /// <summary>
    /// The members of an object as states (next slot, whether a member was written, how many):
    /// a comma goes before every member but the first, and optional members may be skipped.
    /// </summary>
    private sealed class ObjectLayout(SchemaGrammarWriter writer, List<PropertySlot> slots, string? additional, int min, int? max, string hint, string space)
    {
        private readonly Dictionary<(int, bool, int), string?> _states = [];

        public string? From(int index, bool emitted, int count)
        {
            if ((max is not null && count > max) || (additional is null && count + slots.Count - index < min))
            {
                return null;
            }

            if (index < slots.Count && slots[index].Required)
            {
                var rest = From(index + 1, true, Next(count));
                return rest is null ? null : GbnfText.Sequence(Separator(emitted), slots[index].KeyValue, rest);
            }

            if (_states.TryGetValue((index, emitted, count), out var known))
            {
                return known;
            }

            var body = index == slots.Count ? Additional(emitted, count) : Optional(index, emitted, count);
            var named = body is null || body.Length == 0 || GbnfText.IsRuleName(body)
                ? body
                : writer._rules.Add(Name(index, emitted, count), body);
            _states[(index, emitted, count)] = named;
            return named;
        }

        private string? Optional(int index, bool emitted, int count)
        {
            var options = new List<string>();
            if (From(index + 1, true, Next(count)) is { } taken)
            {
                options.Add(GbnfText.Sequence(Separator(emitted), slots[index].KeyValue, taken));
            }

            if (From(index + 1, emitted, count) is { } skipped)
            {
                options.Add(skipped);
            }

            return options.Count == 0 ? null : GbnfText.Alternatives(options);
        }

        private string? Additional(bool emitted, int count)
        {
            if (additional is null)
            {
                return count >= min ? string.Empty : null;
            }

            var fewest = Math.Max(0, min - count);
            var most = max - count;
            var next = GbnfText.Sequence(Comma, space, additional);
            if (emitted)
            {
                return writer._rules.Repeat(next, fewest, most);
            }

            if (most == 0)
            {
                return string.Empty;
            }

            var members = GbnfText.Sequence(additional, writer._rules.Repeat(next, Math.Max(0, fewest - 1), most - 1));
            return fewest == 0 ? GbnfText.Optional(members) : members;
        }

        // Without limits the count is irrelevant; keeping it at zero lets states be shared.
        private int Next(int count) => min > 0 || max is not null ? count + 1 : 0;

        private string Separator(bool emitted) => emitted ? GbnfText.Sequence(Comma, space) : string.Empty;

        private string Name(int index, bool emitted, int count)
        {
            var suffix = (emitted ? "rest-" : "first-") + index.ToString(CultureInfo.InvariantCulture);
            if (min > 0 || max is not null)
            {
                suffix += "-n" + count.ToString(CultureInfo.InvariantCulture);
            }

            return Hint(hint.Length == 0 ? RootRule : hint, suffix);
        }
    }
}
