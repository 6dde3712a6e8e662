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
        var requiredList = (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        var required = requiredList.ToHashSet(StringComparer.Ordinal);
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

        var ordered = properties.Select(p => p.Key).Where(required.Contains)
            .Concat(requiredList.Where(r => !properties.ContainsKey(r)))
            .Concat(properties.Select(p => p.Key).Where(k => !required.Contains(k)))
            .ToList();
        _properties += ordered.Count;
        if (_properties > _limits.MaxProperties)
        {
            throw SchemaKeywords.Error("properties", path, $"the schema lists more than {_limits.MaxProperties} object properties in all (GrammarLimits.MaxProperties); split it or use additionalProperties for open-ended keys");
        }

        var space = _rules.Primitive("space");
        var slots = new List<PropertySlot>();
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
            var declared = properties.Select(p => p.Key).Union(requiredList, StringComparer.Ordinal).ToList();
            var key = declared.Count == 0 ? _rules.Primitive("string") : KeyExcludingRule(declared, hint, space);
            additionalKeyValue = _rules.Add(Hint(hint, "additional-kv"), GbnfText.Sequence(key, "\":\"", space, value));
        }

        var requiredCount = slots.Count(s => s.Required);
        var countMatters = minProperties > requiredCount || (maxProperties is not null && (additionalKeyValue is not null || maxProperties < slots.Count));
        var layout = new ObjectLayout(this, slots, additionalKeyValue, countMatters ? minProperties : 0, countMatters ? maxProperties : null, hint, space);
        var members = layout.Members(path)
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

        return _rules.Add(Hint(hint, "additional-key"), GbnfText.Sequence(Quote, KeyRest(root, hint), Quote, space));
    }

    /// <summary>
    /// The rest of a key from a trie node on, children before parents with an explicit stack (names
    /// may be long). A long continuation becomes a rule of its own, so the text never nests deeply
    /// and every node's text is copied only once.
    /// </summary>
    private string KeyRest(KeyTrie root, string hint)
    {
        const int LongestInline = 200;
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new Stack<(KeyTrie Node, bool ChildrenDone)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, childrenDone) = stack.Pop();
            if (!childrenDone)
            {
                stack.Push((node, true));
                foreach (var child in node.Children.Values)
                {
                    stack.Push((child, false));
                }

                continue;
            }

            var options = new List<string>();
            if (!node.IsName)
            {
                options.Add(string.Empty);
            }

            foreach (var (codePoint, child) in node.Children)
            {
                var rest = child.Rest!.Length > LongestInline && !GbnfText.IsRuleName(child.Rest)
                    ? _rules.Add(Hint(hint, "additional-key-rest"), child.Rest)
                    : child.Rest;
                options.Add(GbnfText.Sequence(GbnfText.Literal(JsonStringFragments.Encode(codePoint)), rest));
                child.Rest = null;
            }

            options.Add(OtherKeyRest(node.Children.Keys, hint, others));
            node.Rest = GbnfText.Alternatives(options);
        }

        return root.Rest!;
    }

    /// <summary>
    /// A key that leaves the trie here: a character none of the names continues with, then anything.
    /// One rule per distinct set of continuations, since a long name repeats the same few sets.
    /// </summary>
    private string OtherKeyRest(IEnumerable<int> continuations, string hint, Dictionary<string, string> known)
    {
        var excluded = continuations.ToList();
        var key = string.Join(",", excluded);
        if (!known.TryGetValue(key, out var rule))
        {
            var others = CodePointSet.All.Except(CodePointSet.FromRanges(excluded.Select(c => (c, c))));
            rule = _rules.Add(Hint(hint, "additional-key-other"), GbnfText.Sequence(GbnfText.Atom(JsonStringFragments.AnyOf(others)!), _rules.Primitive("char") + "*"));
            known[key] = rule;
        }

        return rule;
    }

    private sealed class KeyTrie
    {
        public SortedDictionary<int, KeyTrie> Children { get; } = [];

        public bool IsName { get; set; }

        /// <summary>The grammar for the rest of the key from here, once written.</summary>
        public string? Rest { get; set; }
    }
}
