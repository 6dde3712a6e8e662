using System.Globalization;

namespace OmniBot.Engine.Grammar;

internal sealed partial class SchemaGrammarWriter
{
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

            if (slots.Count - requiredCount > writer._limits.MaxOptionalProperties)
            {
                throw SchemaKeywords.Error("properties", path,
                    $"the object has {slots.Count - requiredCount} optional properties, more than {writer._limits.MaxOptionalProperties} (GrammarLimits.MaxOptionalProperties); list the ones that must appear in required");
            }

            var parts = new List<string>();
            var count = 0;
            for (var i = 0; i < requiredCount; i++)
            {
                parts.Add(Separator(i > 0));
                parts.Add(slots[i].KeyValue);
                count = Next(count);
            }

            if (!Counting)
            {
                parts.Add(FreeOptional(requiredCount, requiredCount > 0));
                return GbnfText.Sequence([.. parts]);
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

        /// <summary>
        /// Optional members without counting, from slot <paramref name="first"/> on. "Any member from
        /// slot i on, then the rest" as one alternative per slot would be quadratic, and as a chain
        /// ("member i, or any from i+1") llama.cpp would recurse once per property before reading a
        /// character. Instead the choices are a segment tree over the slots: each state picks among
        /// a few tree nodes covering its slots, so both the text and the chains stay near-linear and logarithmic.
        /// </summary>
        private string FreeOptional(int first, bool emitted)
        {
            var size = slots.Count - first;
            if (size == 0)
            {
                return Additional(emitted, 0)!;
            }

            // rest[i]: the members after a member was written at slot first + i - 1.
            var end = Additional(true, 0)!;
            var rest = new string[size + 1];
            for (var i = 1; i <= size; i++)
            {
                rest[i] = i == size && end.Length == 0
                    ? string.Empty
                    : writer._rules.Reserve(Hint(hint.Length == 0 ? RootRule : hint, "rest-" + (first + i).ToString(CultureInfo.InvariantCulture)));
            }

            var tree = Tree(first, size, rest);
            for (var i = 1; i <= size; i++)
            {
                if (rest[i].Length > 0)
                {
                    writer._rules.Define(rest[i], Choices(tree, i, size, end));
                }
            }

            if (emitted)
            {
                return Choices(tree, 0, size, end);
            }

            // Before the first member nothing needs a comma: one flat choice of the first member, written once.
            var firstMember = Enumerable.Range(0, size).Select(i => GbnfText.Sequence(slots[first + i].KeyValue, rest[i + 1])).Append(Additional(false, 0)!);
            return writer._rules.Add(Hint(hint.Length == 0 ? RootRule : hint, "first"), GbnfText.Alternatives(firstMember));
        }

        /// <summary>
        /// A bottom-up segment tree of the members after a comma: leaves size..2·size-1 are the slots
        /// (short text, kept inline), node k below size is a rule choosing between 2k and 2k+1.
        /// </summary>
        private string[] Tree(int first, int size, string[] rest)
        {
            var nodes = new string[2 * size];
            for (var i = 0; i < size; i++)
            {
                nodes[size + i] = GbnfText.Sequence(Separator(true), slots[first + i].KeyValue, rest[i + 1]);
            }

            for (var k = size - 1; k >= 1; k--)
            {
                nodes[k] = writer._rules.Add("any", GbnfText.Alternatives([nodes[2 * k], nodes[2 * k + 1]]));
            }

            return nodes;
        }

        /// <summary>A member from any of the slots from <paramref name="from"/> to the end, or the end itself.</summary>
        private static string Choices(string[] tree, int from, int size, string end)
        {
            var options = new List<string>();
            for (int low = from + size, high = 2 * size; low < high; low >>= 1, high >>= 1)
            {
                if ((low & 1) == 1)
                {
                    options.Add(tree[low++]);
                }

                if ((high & 1) == 1)
                {
                    options.Add(tree[--high]);
                }
            }

            options.Add(end);
            return GbnfText.Alternatives(options);
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
