using System.Numerics;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

internal sealed partial class SchemaGrammarWriter
{
    private static readonly decimal CapValue = (decimal)NumericRangeGrammar.Cap;

    private string StringValue(JsonObject schema, string path)
    {
        var minLength = SchemaKeywords.Count(schema, "minLength", path) ?? 0;
        var maxLength = SchemaKeywords.Count(schema, "maxLength", path);
        if (maxLength < minLength)
        {
            throw SchemaKeywords.Error("maxLength", path, $"maxLength {maxLength} is below minLength {minLength}");
        }

        var format = SchemaKeywords.String(schema, "format", path);
        var pattern = SchemaKeywords.String(schema, "pattern", path);
        if (format is not null)
        {
            if (!FormatRules.Formats.TryGetValue(format, out var known))
            {
                throw SchemaKeywords.Error("format", path, $"format '{format}' is not supported; use one of {string.Join(", ", FormatRules.Formats.Keys)}, or a pattern");
            }

            if (pattern is not null)
            {
                throw SchemaKeywords.Error("pattern", path, $"a pattern together with format '{format}' cannot be expressed; keep one of them");
            }

            ThrowIfLengthsCut(minLength, maxLength, known.MinLength, known.MaxLength, $"format '{format}'", path);
            return _rules.Primitive(known.Rule);
        }

        var space = _rules.Primitive("space");
        if (pattern is not null)
        {
            var (content, patternMin, patternMax) = PatternGrammar.Build(_rules, pattern, path, graphemeSafe: minLength > 0, _limits);
            ThrowIfLengthsCut(minLength, maxLength, patternMin, patternMax, "the pattern", path);
            return GbnfText.Sequence(Quote, content, Quote, space);
        }

        if (minLength == 0 && maxLength is null)
        {
            return _rules.Primitive("string");
        }

        return GbnfText.Sequence(Quote, _rules.Repeat(minLength > 0 ? GraphemeChar() : _rules.Primitive("char"), minLength, maxLength), Quote, space);
    }

    // Validators disagree on what minLength counts: the specification says code points, but some
    // (JsonSchema.Net among them) count grapheme clusters, where "e" plus a combining accent is
    // one. Under a minimum length, characters that may merge with a neighbour are left out so
    // every count agrees; a maximum length is safe either way.
    private string GraphemeChar() =>
        _rules.Add("grapheme-char", JsonStringFragments.AnyOf(CodePointSet.OwnGraphemes)!);

    // Length limits next to a format or pattern must already hold for every string it allows:
    // intersecting a length with a pattern is beyond this converter, and dropping it would loosen.
    private static void ThrowIfLengthsCut(int minLength, int? maxLength, int producedMin, int? producedMax, string what, string path)
    {
        if (minLength > producedMin)
        {
            throw SchemaKeywords.Error("minLength", path, $"{what} allows strings as short as {producedMin} characters, so minLength {minLength} cannot be enforced with it; fold the length into a pattern such as ^.{{{minLength},}}$");
        }

        if (maxLength is not null && (producedMax is null || producedMax > maxLength))
        {
            var longest = producedMax is null ? "unbounded" : producedMax + " characters";
            throw SchemaKeywords.Error("maxLength", path, $"{what} allows strings of {longest}, so maxLength {maxLength} cannot be enforced with it; bound the repetitions in the pattern instead");
        }
    }

    private string IntegerValue(JsonObject schema, string path)
    {
        var (low, high) = Bounds(schema, path);
        if (low is null && high is null)
        {
            return _rules.Primitive("integer");
        }

        BigInteger? min = low is { } l ? new BigInteger(l.Exclusive ? decimal.Floor(l.Value) + 1 : decimal.Ceiling(l.Value)) : null;
        BigInteger? max = high is { } h ? new BigInteger(h.Exclusive ? decimal.Ceiling(h.Value) - 1 : decimal.Floor(h.Value)) : null;
        var digits = NumericRangeGrammar.Integers(min, max)
            ?? throw SchemaKeywords.Error("minimum", path, "no integer lies between the minimum and the maximum");
        return GbnfText.Sequence(GbnfText.Atom(digits), _rules.Primitive("space"));
    }

    private string NumberValue(JsonObject schema, string path)
    {
        var (low, high) = Bounds(schema, path);
        if (low is null && high is null)
        {
            return _rules.Primitive("number");
        }

        var digits = NumericRangeGrammar.Numbers(low, high)
            ?? throw SchemaKeywords.Error("minimum", path, "no number lies between the minimum and the maximum");
        return GbnfText.Sequence(GbnfText.Atom(digits), _rules.Primitive("space"));
    }

    /// <summary>
    /// The tighter of minimum/exclusiveMinimum and of maximum/exclusiveMaximum. Limits beyond the
    /// 16 digits the grammar writes are dropped when they cannot exclude anything it writes.
    /// </summary>
    private static (NumericBound? Low, NumericBound? High) Bounds(JsonObject schema, string path)
    {
        var low = Tighter(Bound(schema, "minimum", false, path), Bound(schema, "exclusiveMinimum", true, path), lower: true);
        var high = Tighter(Bound(schema, "maximum", false, path), Bound(schema, "exclusiveMaximum", true, path), lower: false);
        return (low, high);
    }

    private static NumericBound? Bound(JsonObject schema, string keyword, bool exclusive, string path)
    {
        var asDouble = SchemaKeywords.NumberAsDouble(schema, keyword, path);
        if (asDouble is null)
        {
            return null;
        }

        var isLower = keyword.Contains("inimum", StringComparison.Ordinal);
        if (Math.Abs(asDouble.Value) > (double)CapValue)
        {
            if ((isLower && asDouble < 0) || (!isLower && asDouble > 0))
            {
                return null;
            }

            throw SchemaKeywords.Error(keyword, path, $"{keyword} {asDouble} needs more than {NumericRangeGrammar.MaxDigits} integer digits, which the grammar does not write");
        }

        return new NumericBound(SchemaKeywords.Number(schema, keyword, path)!.Value, exclusive);
    }

    private static NumericBound? Tighter(NumericBound? inclusive, NumericBound? exclusive, bool lower)
    {
        if (inclusive is not { } i)
        {
            return exclusive;
        }

        if (exclusive is not { } e)
        {
            return inclusive;
        }

        return lower ? (e.Value >= i.Value ? e : i) : (e.Value <= i.Value ? e : i);
    }
}
