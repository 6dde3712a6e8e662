using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Rewrites a schema as a list of alternatives without combinators: <c>allOf</c> parts are merged
/// keyword by keyword, <c>anyOf</c>/<c>oneOf</c> become alternatives (distributed over whatever they
/// are combined with), and <c>$ref</c>s stay references unless they must be merged with siblings.
/// </summary>
internal sealed class SchemaCombiner
{
    private const int MaxAlternatives = 64;
    private const int MaxInlineDepth = 16;

    private readonly JsonNode _root;

    public SchemaCombiner(JsonNode root) => _root = root;

    public (JsonNode Target, string Path) Resolve(string reference, string path)
    {
        if (!reference.StartsWith('#'))
        {
            throw SchemaKeywords.Error("$ref", path, $"only references inside this schema (\"#/...\") are supported, not \"{reference}\"; inline the referenced schema");
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (pointer.Length > 0 && !pointer.StartsWith('/'))
        {
            throw SchemaKeywords.Error("$ref", path, $"\"{reference}\" uses an anchor name; refer to the schema with a JSON pointer such as \"#/$defs/Name\"");
        }

        JsonNode? node = _root;
        foreach (var raw in pointer.Length == 0 ? [] : pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => throw SchemaKeywords.Error("$ref", path, $"\"{reference}\" points to nothing in this schema"),
            };
        }

        return (node ?? throw SchemaKeywords.Error("$ref", path, $"\"{reference}\" points to null, which is not a schema"), pointer);
    }

    public IReadOnlyList<SchemaAlternative> Expand(JsonNode? schema, string path) => Expand(schema, path, 0);

    private List<SchemaAlternative> Expand(JsonNode? schema, string path, int depth)
    {
        if (depth > MaxInlineDepth)
        {
            throw SchemaKeywords.Error("$ref", path, "a recursive reference is combined with other keywords (allOf, anyOf, oneOf or siblings), which would expand forever; give the recursion its own $defs entry and refer to it alone");
        }

        if (schema is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValueKind() == JsonValueKind.True ? [new SchemaAlternative([], path)] : [];
        }

        if (schema is not JsonObject obj)
        {
            throw SchemaKeywords.Error("schema", path, "a schema must be an object, true or false");
        }

        foreach (var (keyword, _) in obj)
        {
            if (!SchemaKeywords.Annotations.Contains(keyword) && !SchemaKeywords.Containers.Contains(keyword) && !SchemaKeywords.IsSupported(keyword))
            {
                throw SchemaKeywords.Error(keyword, path, $"keyword '{keyword}' is not supported, and ignoring it would let through values the schema forbids; remove it or rewrite the constraint with supported keywords");
            }
        }

        var rest = SchemaNormalizer.Normalize(obj, path);
        var reference = SchemaKeywords.String(obj, "$ref", path);
        var allOf = NonEmptyArray(obj, "allOf", path);
        var anyOf = NonEmptyArray(obj, "anyOf", path);
        var oneOf = NonEmptyArray(obj, "oneOf", path);
        var current = new List<SchemaAlternative> { new(rest, path) };
        if (reference is not null)
        {
            current = Cross(current, [new SchemaAlternative(new JsonObject { ["$ref"] = reference }, path)], path, depth);
        }

        for (var i = 0; i < (allOf?.Count ?? 0); i++)
        {
            current = Cross(current, Expand(allOf![i], SchemaKeywords.Child(path, "allOf", i), depth), path, depth);
        }

        if (anyOf is not null)
        {
            var branches = anyOf.Select((b, i) => Expand(b, SchemaKeywords.Child(path, "anyOf", i), depth)).SelectMany(b => b).ToList();
            current = Cross(current, branches, path, depth);
        }

        if (oneOf is not null)
        {
            var branches = oneOf.Select((b, i) => Expand(b, SchemaKeywords.Child(path, "oneOf", i), depth)).ToList();
            if (branches.Sum(b => b.Count) > MaxAlternatives)
            {
                // Checked before the pairwise disjointness test, which is quadratic in the branches.
                throw SchemaKeywords.Error("oneOf", path, $"oneOf here gives more than {MaxAlternatives} alternatives; simplify the schema");
            }

            OneOfDisjointness.ThrowIfOverlapping(branches, this, path);
            current = Cross(current, branches.SelectMany(b => b).ToList(), path, depth);
        }

        return current;
    }

    /// <summary>Expands the target of a reference (for checks that must look inside it).</summary>
    public List<SchemaAlternative> ExpandReference(string reference, string path, int depth)
    {
        var (target, targetPath) = Resolve(reference, path);
        return Expand(target, targetPath, depth + 1);
    }

    private static JsonArray? NonEmptyArray(JsonObject schema, string keyword, string path)
    {
        var array = SchemaKeywords.Array(schema, keyword, path);
        return array is { Count: 0 } ? throw SchemaKeywords.Error(keyword, path, $"'{keyword}' must list at least one schema") : array;
    }

    private List<SchemaAlternative> Cross(List<SchemaAlternative> left, List<SchemaAlternative> right, string path, int depth)
    {
        var result = new List<SchemaAlternative>();
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                result.AddRange(Merge(a, b, path, depth));
                if (result.Count > MaxAlternatives)
                {
                    throw SchemaKeywords.Error("anyOf", path, $"combining allOf/anyOf/oneOf here gives more than {MaxAlternatives} alternatives; simplify the schema");
                }
            }
        }

        return result;
    }

    private List<SchemaAlternative> Merge(SchemaAlternative a, SchemaAlternative b, string path, int depth)
    {
        if (a.Schema.Count == 0)
        {
            return [b];
        }

        if (b.Schema.Count == 0)
        {
            return [a];
        }

        if (a.Reference is { } left)
        {
            return Cross(ExpandReference(left, a.Path, depth), [b], path, depth + 1);
        }

        if (b.Reference is { } right)
        {
            return Cross([a], ExpandReference(right, b.Path, depth), path, depth + 1);
        }

        var merged = SchemaMerger.Merge(a.Schema, b.Schema, path);
        return merged is null ? [] : [new SchemaAlternative(merged, a.Path)];
    }
}
