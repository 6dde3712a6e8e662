using System.Globalization;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

internal sealed partial class SchemaGrammarWriter
{
    private const string Comma = "\",\"";

    /// <summary>
    /// Arrays: the <c>prefixItems</c> in order (the ones beyond <c>minItems</c> optional), then
    /// <c>items</c> repeated up to <c>maxItems</c>. As in llama.cpp, a tuple without <c>items</c>
    /// gets no further elements unless <c>minItems</c> asks for them.
    /// </summary>
    private string ArrayValue(JsonObject schema, string hint, string path)
    {
        var minItems = SchemaKeywords.Count(schema, "minItems", path) ?? 0;
        var maxItems = SchemaKeywords.Count(schema, "maxItems", path);
        if (maxItems < minItems)
        {
            throw SchemaKeywords.Error("maxItems", path, $"maxItems {maxItems} is below minItems {minItems}");
        }

        var prefix = new List<string>();
        var prefixItems = schema["prefixItems"] as JsonArray ?? [];
        var tupleEndsEarly = false;
        for (var i = 0; i < prefixItems.Count; i++)
        {
            if (SchemaMerger.IsFalse(prefixItems[i]))
            {
                tupleEndsEarly = true;
                break;
            }

            var itemHint = Hint(hint, "item-" + i.ToString(CultureInfo.InvariantCulture));
            prefix.Add(_rules.Named(itemHint, Expression(prefixItems[i], itemHint, SchemaKeywords.Child(path, "prefixItems", i))));
        }

        string? extra = null;
        if (!tupleEndsEarly)
        {
            if (schema.TryGetPropertyValue("items", out var items))
            {
                if (!SchemaMerger.IsFalse(items))
                {
                    var itemHint = Hint(hint, "item");
                    extra = _rules.Named(itemHint, Expression(items, itemHint, SchemaKeywords.Child(path, "items")));
                }
            }
            else if (prefix.Count == 0 || minItems > prefix.Count)
            {
                extra = _rules.Primitive("value");
            }
        }

        var max = extra is null ? Math.Min(maxItems ?? int.MaxValue, prefix.Count) : maxItems;
        if (minItems > max)
        {
            throw SchemaKeywords.Error("minItems", path, $"the items allowed here stop after {max}, fewer than minItems {minItems}");
        }

        var space = _rules.Primitive("space");
        var content = ArrayContent(prefix, extra, minItems, max, space);
        return GbnfText.Sequence("\"[\"", space, content, "\"]\"", space);
    }

    /// <summary>
    /// The elements: the tuple items (each beyond the minimum optional, nested inside the previous
    /// one), then the repeated items. Written from the end back without recursion; a long optional
    /// tail becomes a rule so the text neither nests deeply nor is copied once per tuple item.
    /// </summary>
    private string ArrayContent(List<string> prefix, string? extra, int min, int? max, string space)
    {
        const int LongestInline = 200;
        var tupleEnd = max is { } m ? Math.Min(prefix.Count, m) : prefix.Count;
        var tail = tupleEnd < prefix.Count || tupleEnd >= max ? string.Empty : ExtraItems(tupleEnd, extra, min, max, space);
        var requiredEnd = Math.Min(min, tupleEnd);
        for (var index = tupleEnd - 1; index >= requiredEnd; index--)
        {
            if (tail.Length > LongestInline && !GbnfText.IsRuleName(tail))
            {
                tail = _rules.Add("tuple-rest", tail);
            }

            tail = GbnfText.Optional(GbnfText.Sequence(Separator(index, space), prefix[index], tail));
        }

        var parts = new List<string>();
        for (var index = 0; index < requiredEnd; index++)
        {
            parts.Add(Separator(index, space));
            parts.Add(prefix[index]);
        }

        parts.Add(tail);
        return GbnfText.Sequence([.. parts]);
    }

    private static string Separator(int index, string space) => index == 0 ? string.Empty : GbnfText.Sequence(Comma, space);

    /// <summary>The <c>items</c> after the tuple's <paramref name="index"/> items.</summary>
    private string ExtraItems(int index, string? extra, int min, int? max, string space)
    {
        if (extra is null)
        {
            return string.Empty;
        }

        var extraMin = Math.Max(0, min - index);
        var extraMax = max - index;
        var next = GbnfText.Sequence(Comma, space, extra);
        if (index > 0)
        {
            return _rules.Repeat(next, extraMin, extraMax);
        }

        var first = GbnfText.Sequence(extra, _rules.Repeat(next, Math.Max(0, extraMin - 1), extraMax - 1));
        return extraMin == 0 ? GbnfText.Optional(first) : first;
    }
}
