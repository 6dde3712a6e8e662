namespace OmniBot.Engine.Grammar;

/// <summary>
/// The fixed rules every JSON grammar draws on, in llama.cpp's json-schema-to-grammar shape.
/// Whitespace and number lengths are bounded so that a constrained generation always has an end.
/// </summary>
internal static class JsonPrimitiveRules
{
    private const string Hex = "[0-9a-fA-F]";

    /// <summary>Name → (body, rules the body uses).</summary>
    public static IReadOnlyDictionary<string, (string Body, string[] Uses)> Rules { get; } =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            ["space"] = ("| \" \" | \"\\n\" [ \\t]{0,20}", []),
            ["value"] = ("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
            ["object"] = ("\"{\" space ( string \":\" space value ( \",\" space string \":\" space value )* )? \"}\" space", ["space", "string", "value"]),
            ["array"] = ("\"[\" space ( value ( \",\" space value )* )? \"]\" space", ["space", "value"]),
            ["string"] = ("\"\\\"\" char* \"\\\"\" space", ["char", "space"]),
            // Escapes never produce a lone UTF-16 surrogate, which JSON parsers reject.
            ["char"] = ("[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" ( [0-9a-cA-C] " + Hex + "{3} | [dD] [0-7] " + Hex + "{2} | [eEfF] " + Hex + "{3} ) )", []),
            ["number"] = ("\"-\"? integral-part ( \".\" decimal-part )? ( [eE] [-+]? [0-9]{1,2} )? space", ["integral-part", "decimal-part", "space"]),
            ["integer"] = ("\"-\"? integral-part space", ["integral-part", "space"]),
            ["integral-part"] = ("\"0\" | [1-9] [0-9]{0,15}", []),
            ["decimal-part"] = ("[0-9]{1,16}", []),
            ["boolean"] = ("( \"true\" | \"false\" ) space", ["space"]),
            ["null"] = ("\"null\" space", ["space"]),
        };
}
