namespace OmniBot.Engine.Tests.Grammar;

/// <summary>The schemas every behavioural grammar test runs over, together covering every supported keyword.</summary>
public static class SchemaSuite
{
    public static IReadOnlyList<SchemaCase> Cases { get; } =
    [
        new("string-length", """{"type":"string","minLength":2,"maxLength":5}""",
            ["\"ab\"", "\"abcde\"", "\"é中😀\"", "\"a\\\"b\"", "\"\\n\\t\""],
            ["\"a\"", "\"abcdef\"", "5", "\"\""],
            ["\"\\u00e9x\"", "\"xe\u0301y\""]),
        new("integer-range", """{"type":"integer","minimum":-15,"maximum":120}""",
            ["-15", "0", "7", "99", "100", "120", "-9 "],
            ["-16", "121", "3.5", "\"5\"", "1000"],
            ["1e2", "-0"]),
        new("integer-exclusive", """{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":1000}""",
            ["1", "999", "500", "10"],
            ["0", "1000", "-3", "1001"]),
        new("integer-minimum-only", """{"type":"integer","minimum":42}""",
            ["42", "43", "100", "123456789", "9999999999999999"],
            ["41", "-42", "0", "9"]),
        new("integer-maximum-only", """{"type":"integer","maximum":-7}""",
            ["-7", "-8", "-1000", "-9999999999999999"],
            ["-6", "0", "7", "-1"]),
        new("integer-wide-range", """{"type":"integer","minimum":-1000000,"maximum":999999999999}""",
            ["-1000000", "999999999999", "0", "-999999", "123456"],
            ["-1000001", "1000000000000", "-2000000"]),
        new("number-bounds", """{"type":"number","minimum":-2.5,"maximum":3.75}""",
            ["-2.5", "-2.49", "0", "3.75", "3.7", "1", "3.750", "-0.5", "2.999"],
            ["-2.51", "3.751", "4", "-3", "3.76"]),
        new("number-exclusive", """{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1}""",
            ["0.5", "0.001", "0.999", "0.1"],
            ["0", "1", "0.0", "1.0", "-0.5", "1.5"]),
        new("number-unbounded", """{"type":"number"}""",
            ["0", "-1.5", "1e10", "3.14", "2E-3", "12"],
            ["\"1\"", "true", "[1]"]),
        new("boolean-or-null", """{"type":["boolean","null"]}""",
            ["true", "false", "null"],
            ["0", "\"true\"", "{}"]),
        new("enum-mixed", """{"enum":["red","green",3,null,{"a":[1,2]}]}""",
            ["\"red\"", "\"green\"", "3", "null", "{\"a\":[1,2]}"],
            ["\"blue\"", "4", "{\"a\":[1]}"]),
        new("const-with-escapes", """{"const":"fixed \"quoted\" \\ value"}""",
            ["\"fixed \\\"quoted\\\" \\\\ value\""],
            ["\"fixed\"", "\"fixed \\\"quoted\\\" value\""]),
        new("object-required-optional", """
            {"type":"object","properties":{
              "name":{"type":"string","maxLength":10},
              "age":{"type":"integer","minimum":0,"maximum":150},
              "email":{"type":"string","format":"email"}},
             "required":["name"]}
            """,
            ["{\"name\":\"Al\"}", "{\"name\":\"Al\",\"age\":30}", "{\"name\":\"Al\",\"email\":\"a@b.co\"}",
             "{\"name\":\"Al\",\"age\":3,\"email\":\"x.y@mail.example.org\"}", "{\n  \"name\": \"Al\",\n  \"age\": 3\n}"],
            ["{}", "{\"age\":30}", "{\"name\":\"Al\",\"age\":200}", "{\"name\":\"Al\",\"age\":-1}", "{\"name\":\"Al\",\"email\":\"nope\"}"],
            ["{\"name\":\"Al\",\"extra\":1}", "{\"age\":30,\"name\":\"Al\"}"]),
        new("additional-properties-false", """{"type":"object","properties":{"a":{"type":"boolean"}},"additionalProperties":false}""",
            ["{}", "{\"a\":true}", "{ \"a\" : false }"],
            ["{\"b\":1}", "{\"a\":true,\"b\":1}", "{\"a\":1}"]),
        new("additional-properties-schema", """{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"],"additionalProperties":{"type":"string","maxLength":8}}""",
            ["{\"id\":1}", "{\"id\":1,\"x\":\"y\"}", "{\"id\":1,\"ida\":\"q\",\"i\":\"r\"}", "{\"id\":7,\"\":\"\"}"],
            ["{\"id\":1,\"x\":2}", "{\"x\":\"y\"}", "{\"id\":1,\"x\":\"too long value\"}"],
            ["{\"id\":1,\"id\":\"dup\"}", "{\"id\":1,\"\\u0069d\":\"x\"}"]),
        new("additional-properties-true", """{"type":"object","properties":{"k":{"const":1}},"additionalProperties":true}""",
            ["{\"k\":1,\"other\":[1,\"x\"]}", "{\"z\":null}", "{}"],
            ["{\"k\":2}", "{\"k\":1,\"k2\":1,\"x\":", "[]"]),
        new("min-max-properties", """
            {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"integer"}},
             "minProperties":1,"maxProperties":2,"additionalProperties":false}
            """,
            ["{\"a\":1}", "{\"b\":2,\"c\":3}", "{\"a\":1,\"c\":3}"],
            ["{}", "{\"a\":1,\"b\":2,\"c\":3}", "{\"d\":1}"]),
        new("min-max-properties-additional", """{"type":"object","additionalProperties":{"type":"integer"},"minProperties":2,"maxProperties":3}""",
            ["{\"x\":1,\"y\":2}", "{\"x\":1,\"y\":2,\"z\":3}"],
            ["{\"x\":1}", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", "{\"x\":\"s\",\"y\":2}", "{}"]),
        new("array-items", """{"type":"array","items":{"type":"integer","minimum":0,"maximum":9},"minItems":1,"maxItems":3}""",
            ["[0]", "[1,2,3]", "[ 4 , 5 ]"],
            ["[]", "[1,2,3,4]", "[10]", "[\"a\"]"]),
        new("prefix-items", """{"type":"array","prefixItems":[{"type":"string","maxLength":3},{"type":"integer"}],"items":{"type":"boolean"},"maxItems":4}""",
            ["[]", "[\"a\"]", "[\"a\",1]", "[\"abc\",1,true,false]"],
            ["[1]", "[\"a\",\"b\"]", "[\"a\",1,true,false,true]", "[\"a\",1,2]"]),
        new("tuple-items-2019", """
            {"$schema":"https://json-schema.org/draft/2019-09/schema",
             "type":"array","items":[{"type":"integer"},{"type":"null"}],"additionalItems":false,"minItems":2}
            """,
            ["[1,null]", "[-5,null]"],
            ["[1]", "[1,null,2]", "[null,null]"]),
        new("any-of", """{"anyOf":[{"type":"string","maxLength":4},{"type":"integer","minimum":10,"maximum":20},{"type":"null"}]}""",
            ["\"ab\"", "15", "null", "\"\""],
            ["\"abcde\"", "9", "true", "21"]),
        new("one-of-discriminated", """
            {"oneOf":[
              {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number","minimum":0,"maximum":100}},"required":["kind","r"],"additionalProperties":false},
              {"type":"object","properties":{"kind":{"const":"square"},"side":{"type":"integer","minimum":1,"maximum":10}},"required":["kind","side"],"additionalProperties":false}]}
            """,
            ["{\"kind\":\"circle\",\"r\":2.5}", "{\"kind\":\"square\",\"side\":3}"],
            ["{\"kind\":\"circle\",\"side\":3}", "{\"kind\":\"square\",\"side\":11}", "{\"kind\":\"triangle\"}"]),
        new("all-of", """
            {"allOf":[
              {"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},
              {"properties":{"b":{"type":"string","maxLength":3}},"required":["b"]},
              {"properties":{"a":{"minimum":5,"maximum":9}}}]}
            """,
            ["{\"a\":5,\"b\":\"x\"}", "{\"a\":9,\"b\":\"\"}"],
            ["{\"a\":4,\"b\":\"x\"}", "{\"a\":5}", "{\"a\":5,\"b\":\"long\"}", "{\"a\":\"5\",\"b\":\"x\"}"]),
        new("recursive-defs", """
            {"$defs":{"node":{"type":"object","properties":{
                "value":{"type":"integer","minimum":0,"maximum":99},
                "children":{"type":"array","items":{"$ref":"#/$defs/node"},"maxItems":3}},
              "required":["value"],"additionalProperties":false}},
             "$ref":"#/$defs/node"}
            """,
            ["{\"value\":1}", "{\"value\":1,\"children\":[{\"value\":2,\"children\":[]}]}", "{\"value\":0,\"children\":[{\"value\":1},{\"value\":2,\"children\":[{\"value\":3}]}]}"],
            ["{\"value\":1,\"children\":[{\"children\":[]}]}", "{\"value\":100}", "{\"children\":[]}"]),
        new("definitions-and-root-reference", """
            {"$schema":"http://json-schema.org/draft-07/schema#",
             "definitions":{"name":{"type":"string","pattern":"^[A-Z][a-z]{1,8}$"}},
             "type":"object","properties":{"first":{"$ref":"#/definitions/name"},"partner":{"$ref":"#"}},
             "required":["first"]}
            """,
            ["{\"first\":\"Ann\"}", "{\"first\":\"Ann\",\"partner\":{\"first\":\"Bob\"}}"],
            ["{\"first\":\"ann\"}", "{\"first\":\"Ann\",\"partner\":{}}", "{\"first\":\"Annabellezz\"}"]),
        new("pattern-phone", """{"type":"string","pattern":"^(\\+\\d{1,3} )?\\d{3}-\\d{4}$"}""",
            ["\"555-1234\"", "\"+1 555-1234\"", "\"+999 000-0000\""],
            ["\"5551234\"", "\"+1234 555-1234\"", "\"555-12345\""]),
        new("pattern-unanchored", """{"type":"string","pattern":"ab+c"}""",
            ["\"xxabbbcyy\"", "\"abc\"", "\"abbc!\""],
            ["\"ac\"", "\"xyz\"", "\"\""]),
        new("pattern-classes-and-escapes", """{"type":"string","pattern":"^[A-Za-z_][\\w.-]{0,10}@?[^\\s\"]{1,3}$"}""",
            ["\"a@xyz\"", "\"A.b-c_d@!!\"", "\"_x\\\\\"", "\"ab\""],
            ["\"1abc\"", "\"a b\"", "\"a\\\"\"", "\"a@wxyz\""]),
        new("pattern-alternatives-and-dot", """{"type":"string","pattern":"^(?:cat|dog)s?$|^x.{2}y$"}""",
            ["\"cat\"", "\"dogs\"", "\"x--y\"", "\"xéNy\""],
            ["\"cow\"", "\"catss\"", "\"x\\ny\"", "\"x\\n-y\"", "\"xé😀y\""]),
        new("formats", """
            {"type":"object","properties":{
              "d":{"type":"string","format":"date"},"t":{"type":"string","format":"time"},
              "dt":{"type":"string","format":"date-time"},"u":{"type":"string","format":"uuid"}},
             "required":["d","t","dt","u"]}
            """,
            ["{\"d\":\"2024-02-29\",\"t\":\"23:59:59Z\",\"dt\":\"2024-01-01T00:00:00.000+05:30\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\"}",
             "{\"d\":\"0001-12-31\",\"t\":\"00:00:00.123-11:00\",\"dt\":\"2000-02-29T12:30:00Z\",\"u\":\"ABCDEF01-2345-6789-ABCD-EF0123456789\"}"],
            ["{\"d\":\"2023-02-29\",\"t\":\"23:59:59Z\",\"dt\":\"2024-01-01T00:00:00Z\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\"}",
             "{\"d\":\"2024-02-29\",\"t\":\"24:00:00Z\",\"dt\":\"2024-01-01T00:00:00Z\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\"}",
             "{\"d\":\"2024-02-29\",\"t\":\"23:59:59Z\",\"dt\":\"2024-01-01T00:00:00\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\"}",
             "{\"d\":\"2024-02-29\",\"t\":\"23:59:59Z\",\"dt\":\"2024-01-01T00:00:00Z\",\"u\":\"123e4567e89b12d3a456426614174000\"}"]),
        new("type-array-with-constraints", """{"type":["string","integer"],"maxLength":3,"minimum":5}""",
            ["\"abc\"", "5", "100", "\"\""],
            ["\"abcd\"", "4", "null", "5.5"]),
        new("nested-any-values", """
            {"type":"object","properties":{"meta":{},"tags":{"type":"array","items":{"type":"string","maxLength":5},"maxItems":2}},
             "required":["meta","tags"]}
            """,
            ["{\"meta\":{\"x\":[1,{\"y\":null}]},\"tags\":[]}", "{\"meta\":\"s\",\"tags\":[\"a\",\"b\"]}"],
            ["{\"meta\":1}", "{\"meta\":1,\"tags\":[\"a\",\"b\",\"c\"]}", "{\"meta\":1,\"tags\":[\"toolong\"]}"]),
        new("annotations-ignored", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.com/annotated","$comment":"c",
             "title":"t","description":"d","type":"array","items":{"type":"integer","minimum":1,"maximum":3,"deprecated":true,"readOnly":true,"writeOnly":false},
             "uniqueItems":false,"maxItems":2,"examples":[[1]],"default":[]}
            """,
            ["[1,1]", "[]", "[3]"],
            ["[4]", "[1,2,3]", "[0]"]),
        new("long-string", """{"type":"string","maxLength":2500}""",
            ["\"" + new string('a', 2500) + "\"", "\"\"", "\"" + new string('b', 999) + "\"", "\"" + new string('c', 1000) + "\""],
            ["\"" + new string('a', 2501) + "\""]),
        new("true-schema", "true",
            ["1", "\"x\"", "{\"a\":[null,true]}", "[]"],
            ["nul", "{\"a\"}"]),
        new("boolean-const-array", """{"type":"array","items":{"const":true},"minItems":2,"maxItems":2}""",
            ["[true,true]"],
            ["[true]", "[true,false]", "[true,true,true]"]),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var schemaCase in Cases)
        {
            data.Add(schemaCase.Name);
        }

        return data;
    }

    public static SchemaCase Get(string name) => Cases.Single(c => c.Name == name);
}
