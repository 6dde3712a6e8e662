using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>
/// Jinja2's default filters as transformers configures them (its own <c>tojson</c>). Each follows the Jinja 3.1 source,
/// including Python's behaviour on unusual input. Left out: <c>pprint</c>, <c>random</c>, <c>urlize</c>, <c>wordwrap</c>.
/// </summary>
internal static partial class BuiltinFilters
{
    private static readonly Dictionary<string, FilterFunction> Filters = new(StringComparer.Ordinal)
    {
        ["abs"] = Abs,
        ["attr"] = (c, v, a) => PyAccess.GetAttrOnly(v, PyRepr.Str(a.Bind("attr", ["name"])[0]).Value),
        ["batch"] = Batch,
        ["capitalize"] = (c, v, a) => StrMethods.Capitalize(c, SoftStr(v, c), NoArguments(a, "do_capitalize", CallArguments.Empty)),
        ["center"] = (c, v, a) => PyMethods.Invoke(c, SoftStr(v, c), "center", CallArguments.Of(a.Bind("do_center", ["width"], 80L)[0])),
        ["count"] = (c, v, a) => Length(v, a),
        ["d"] = Default,
        ["default"] = Default,
        ["dictsort"] = DictSort,
        ["e"] = (c, v, a) => Html.Escape(v, NoArguments(a, "escape", c)),
        ["escape"] = (c, v, a) => Html.Escape(v, NoArguments(a, "escape", c)),
        ["filesizeformat"] = FileSizeFormat,
        ["first"] = First,
        ["float"] = Float,
        ["forceescape"] = (c, v, a) => Html.Escape(PyRepr.Str(v, c.MaxLength), NoArguments(a, "do_forceescape", c)),
        ["format"] = Format,
        ["groupby"] = GroupBy,
        ["indent"] = Indent,
        ["int"] = Int,
        ["items"] = Items,
        ["join"] = Join,
        ["last"] = Last,
        ["length"] = (c, v, a) => Length(v, a),
        ["list"] = (c, v, a) => ToList(v, NoArguments(a, "do_list", c)),
        ["lower"] = (c, v, a) => PyMethods.Invoke(c, SoftStr(v, c), "lower", NoArguments(a, "do_lower", CallArguments.Empty)),
        ["map"] = Map,
        ["max"] = (c, v, a) => MinOrMax(v, a, "do_max", ">"),
        ["min"] = (c, v, a) => MinOrMax(v, a, "do_min", "<"),
        ["reject"] = (c, v, a) => SelectOrReject(c, v, a, expected: false, lookupAttribute: false),
        ["rejectattr"] = (c, v, a) => SelectOrReject(c, v, a, expected: false, lookupAttribute: true),
        ["replace"] = Replace,
        ["reverse"] = Reverse,
        ["round"] = Round,
        ["safe"] = (c, v, a) => (v is PyStr text ? text : PyRepr.Str(NoArguments(a, "do_mark_safe", v), c.MaxLength)).WithMarkup(true),
        ["select"] = (c, v, a) => SelectOrReject(c, v, a, expected: true, lookupAttribute: false),
        ["selectattr"] = (c, v, a) => SelectOrReject(c, v, a, expected: true, lookupAttribute: true),
        ["slice"] = Slice,
        ["sort"] = Sort,
        ["string"] = (c, v, a) => SoftStr(NoArguments(a, "soft_str", v), c),
        ["striptags"] = StripTags,
        ["sum"] = Sum,
        ["title"] = Title,
        ["tojson"] = (c, v, a) => JsonDumper.ToJson(c, v, a),
        ["trim"] = (c, v, a) => StrMethods.Strip(SoftStr(v, c), a.Bind("do_trim", ["chars"], [null])[0], left: true, right: true, "strip"),
        ["truncate"] = Truncate,
        ["unique"] = Unique,
        ["upper"] = (c, v, a) => PyMethods.Invoke(c, SoftStr(v, c), "upper", NoArguments(a, "do_upper", CallArguments.Empty)),
        ["urlencode"] = UrlEncode,
        ["wordcount"] = WordCount,
        ["xmlattr"] = XmlAttributes,
    };

    public static FilterFunction? Find(string name) => Filters.GetValueOrDefault(name);

    public static bool Exists(string name) => Filters.ContainsKey(name);

    /// <summary>Calls a filter by name, as <c>map('upper')</c> does; an unknown name raises Jinja's runtime error.</summary>
    public static object? Call(RenderContext context, object? name, object? value, CallArguments arguments)
    {
        if (name is Undefined undefined)
        {
            throw undefined.Error();
        }

        var filterName = PyRepr.Str(name).Value;
        var filter = Find(filterName) ?? throw new TemplateRenderException("TemplateRuntimeError", $"No filter named '{filterName}'.");
        return filter(context, value, arguments);
    }

    /// <summary>Jinja's <c>soft_str</c>: strings (and Markup) stay as they are, anything else becomes <c>str(value)</c>.</summary>
    private static PyStr SoftStr(object? value, RenderContext context) => value as PyStr ?? PyRepr.Str(value, context.MaxLength);

    /// <summary>Checks that a filter taking only its value got no arguments, then passes <paramref name="result"/> through.</summary>
    private static T NoArguments<T>(CallArguments arguments, string function, T result)
    {
        arguments.Bind(function, []);
        return result;
    }

    private static TemplateRenderException FilterArgumentError(string message) => new("FilterArgumentError", message);
}
