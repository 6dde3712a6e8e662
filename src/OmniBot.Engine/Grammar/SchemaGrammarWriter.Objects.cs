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

            var others = CodePointSet.All.Except(CodePointSet.FromRanges(node.Children.Keys.Select(c => (c, c))));
            options.Add(GbnfText.Sequence(GbnfText.Atom(JsonStringFragments.AnyOf(others)!), _rules.Primitive("char") + "*"));
            node.Rest = GbnfText.Alternatives(options);
        }

        return root.Rest!;
    }

    private sealed class KeyTrie
    {
        public SortedDictionary<int, KeyTrie> Children { get; } = [];

        public bool IsName { get; set; }

        /// <summary>The grammar for the rest of the key from here, once written.</summary>
        public string? Rest { get; set; }
    }

    /// <summary>
    /// The members of an object as states (next slot, whether a member was written, how many):
    /// a comma goes before every member but the first, and optional members may be skipped.
    /// Required slots come first and are written in one sequence; the optional ones become one
    /// small rule per reachable state, worked out from the last slot back, so nothing recurses per
    /// property and no text is copied more than once.
    /// </summary>
    private sealed class ObjectLayout(SchemaGrammarWriter writer, List<PropertySlot> slots, string? additional, int min, int? max, string hint, string space)
    {
        private readonly Dictionary<(int, bool, int), string?> _states = [];

        private bool Counting => min > 0 || max is not null;

        public string? Members(string path)
        {
            var requiredCount = 0;
            while (requiredCount < slots.Count && slots[requiredCount].Required)
            {
                requiredCount++;
            }

            var parts = new List<string>();
            var count = 0;
            for (var i = 0; i < requiredCount; i++)
            {
                parts.Add(Separator(i > 0));
                parts.Add(slots[i].KeyValue);
                count = Next(count);
            }

            var start = (requiredCount, requiredCount > 0, count);
            if (!Possible(start))
            {
                return null;
            }

            ThrowIfTooManyStates(requiredCount, path);
            Solve(start);
            if (_states[start] is not { } rest)
            {
                return null;
            }

            parts.Add(rest);
            return GbnfText.Sequence([.. parts]);
        }

        // With maxProperties every count up to it is a state at every optional slot.
        private void ThrowIfTooManyStates(int requiredCount, string path)
        {
            var optional = slots.Count - requiredCount;
            long counts = Counting ? Math.Min(optional, max ?? min) + 2L : 2L;
            var states = (optional + 1L) * counts;
            if (states > writer._limits.MaxGrammarRules)
            {
                throw SchemaKeywords.Error(max is null ? "minProperties" : "maxProperties", path,
                    $"counting {optional} optional properties against minProperties/maxProperties needs about {states} rules, above the limit of {writer._limits.MaxGrammarRules} (GrammarLimits.MaxGrammarRules); make more properties required or drop the count");
            }
        }

        private bool Possible((int Index, bool Emitted, int Count) state) =>
            !((max is not null && state.Count > max) || (additional is null && state.Count + slots.Count - state.Index < min));

        /// <summary>Finds the states reachable from the start, then writes each from the last slot back.</summary>
        private void Solve((int Index, bool Emitted, int Count) start)
        {
            var byIndex = new List<HashSet<(int Index, bool Emitted, int Count)>>();
            for (var i = 0; i <= slots.Count; i++)
            {
                byIndex.Add([]);
            }

            byIndex[start.Index].Add(start);
            for (var i = start.Index; i < slots.Count; i++)
            {
                foreach (var (index, emitted, count) in byIndex[i])
                {
                    foreach (var next in new[] { (index + 1, true, Next(count)), (index + 1, emitted, count) })
                    {
                        if (Possible(next))
                        {
                            byIndex[i + 1].Add(next);
                        }
                    }
                }
            }

            for (var i = slots.Count; i >= start.Index; i--)
            {
                foreach (var state in byIndex[i].OrderBy(s => s.Count).ThenBy(s => s.Emitted))
                {
                    var body = i == slots.Count ? Additional(state.Emitted, state.Count) : Optional(state.Index, state.Emitted, state.Count);
                    _states[state] = body is null || body.Length == 0 || GbnfText.IsRuleName(body)
                        ? body
                        : writer._rules.Add(Name(state.Index, state.Emitted, state.Count), body);
                }
            }
        }

        private string? State(int index, bool emitted, int count) =>
            Possible((index, emitted, count)) ? _states[(index, emitted, count)] : null;

        private string? Optional(int index, bool emitted, int count)
        {
            var options = new List<string>();
            var separator = Separator(emitted);
            var slot = slots[index].KeyValue;
            if (State(index + 1, true, Next(count)) is { } taken)
            {
                options.Add(GbnfText.Sequence(separator, slot, taken));
            }

            if (!slots[index].Required && State(index + 1, emitted, count) is { } skipped)
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

        // Without limits the count is irrelevant; keeping it at zero lets states be shared. Without a
        // maximum, counts past the minimum all behave alike, so they are kept at the minimum.
        private int Next(int count) => !Counting ? 0 : max is null ? Math.Min(count + 1, min) : count + 1;

        private string Separator(bool emitted) => emitted ? GbnfText.Sequence(Comma, space) : string.Empty;

        private string Name(int index, bool emitted, int count)
        {
            var suffix = (emitted ? "rest-" : "first-") + index.ToString(CultureInfo.InvariantCulture);
            if (Counting)
            {
                suffix += "-n" + count.ToString(CultureInfo.InvariantCulture);
            }

            return Hint(hint.Length == 0 ? RootRule : hint, suffix);
        }
    }
}
