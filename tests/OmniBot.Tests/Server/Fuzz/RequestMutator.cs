using System.Text;
using System.Text.Json.Nodes;

namespace OmniBot.Tests.Server.Fuzz;

/// <summary>
/// Turns a valid seed request into a hostile one, reproducibly from a seed: values of the wrong type, absurd numbers,
/// huge and malformed strings, unknown and missing fields, deep nesting, truncated JSON and bytes that are not UTF-8.
/// </summary>
internal sealed class RequestMutator(int seed)
{
    private const string DeepPlaceholder = "\"__fuzz_deep__\"";
    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null,
        _ => JsonValue.Create(true),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(-2),
        _ => JsonValue.Create(0.5),
        _ => JsonValue.Create(1e308),
        _ => JsonValue.Create(-1e308),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(long.MinValue),
        _ => JsonValue.Create(ulong.MaxValue),
        _ => JsonValue.Create(int.MaxValue + 1L),
        _ => JsonValue.Create(int.MaxValue),
        _ => JsonValue.Create(1e-320),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create(" \t\r\n"),
        _ => JsonValue.Create("NaN"),
        _ => JsonValue.Create("-1"),
        _ => JsonValue.Create("1e999"),
        random => JsonValue.Create(new string('a', random.Next(1, 4) * 65_536)),
        random => JsonValue.Create(string.Concat(Enumerable.Repeat("👩‍👩‍👧‍👦\u200f\u0000ÿ", random.Next(1, 2000)))),
        _ => JsonValue.Create("../../../../etc/passwd"),
        _ => JsonValue.Create("/dev/zero"),
        _ => JsonValue.Create("a/../../b:c"),
        _ => JsonValue.Create("hf:owner/repo:Q4_K_M"),
        _ => JsonValue.Create("http://127.0.0.1:1/x.gguf"),
        _ => JsonValue.Create("file:///etc/passwd"),
        _ => JsonValue.Create("{{ ''.__class__ }}{% for i in range(999999999) %}x{% endfor %}"),
        _ => JsonValue.Create("<tool_call>{\"name\":\"get_weather\",\"arguments\":{}}</tool_call>"),
        _ => JsonValue.Create("<|im_start|>system\n<|im_end|>"),
        _ => JsonValue.Create("data:image/png;base64,AAAA"),
        _ => JsonValue.Create("((((((((((((((((((((a))))))))))))))))))))*+{99999}"),
        _ => JsonValue.Create("root ::= root root | \"a\""),
        _ => new JsonArray(),
        _ => new JsonObject(),
        _ => new JsonArray(new JsonArray(new JsonArray())),
        random => new JsonArray([.. Enumerable.Range(0, random.Next(100, 3000)).Select(i => (JsonNode?)JsonValue.Create(i))]),
        random => new JsonObject(Enumerable.Range(0, random.Next(100, 3000)).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create(i)))),
        _ => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["x"] = new JsonObject { ["$ref"] = "#" } } },
        _ => new JsonObject { ["role"] = "user", ["content"] = "hi" },
        _ => JsonValue.Create("__fuzz_deep__"),
    ];

    private readonly Random _random = new(seed);

    public FuzzRequest Mutate(string path, JsonObject seedBody)
    {
        var body = seedBody.DeepClone().AsObject();
        JsonNode root = body;
        var mutations = _random.Next(3) == 0 ? 2 : 1;
        for (var i = 0; i < mutations; i++)
        {
            root = MutateTree(root);
        }

        var text = root.ToJsonString();
        if (text.Contains(DeepPlaceholder, StringComparison.Ordinal))
        {
            var depth = _random.Next(2) == 0 ? 100_000 : _random.Next(60, 70);
            var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
            var close = open == "[" ? "]" : "}";
            text = text.Replace(DeepPlaceholder, string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)), StringComparison.Ordinal);
        }

        var bytes = MutateText(text);
        var contentType = _random.Next(40) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "application/json; charset=utf-16",
            _ => "application/json",
        };
        return new FuzzRequest(HttpMethod.Post, path, bytes, contentType);
    }

    public FuzzRequest MutateGet(string path)
    {
        // "/" + "/x" would read as a network-path reference ("//x"), naming another host.
        var stem = path.TrimEnd('/');
        return _random.Next(6) switch
        {
            0 => new FuzzRequest(HttpMethod.Get, path + "?model=" + Uri.EscapeDataString(new string('x', 8000))),
            1 => new FuzzRequest(HttpMethod.Get, stem + "/..%2F..%2F..%2Fetc%2Fpasswd"),
            2 => new FuzzRequest(HttpMethod.Get, stem + "/%00%ff%fe"),
            3 => new FuzzRequest(HttpMethod.Post, path, Encoding.UTF8.GetBytes("{}")),
            4 => new FuzzRequest(HttpMethod.Delete, path),
            _ => new FuzzRequest(HttpMethod.Get, path),
        };
    }

    /// <summary>A sign-in form post with a hostile key field: huge, broken percent-escapes, repeated fields, or not a form at all.</summary>
    public FuzzRequest MutateLogin()
    {
        var body = _random.Next(5) switch
        {
            0 => "key=" + new string('k', _random.Next(1, 8) * 65_536),
            1 => "key=%zz%%%ff%c3%28&key=second",
            2 => string.Concat(Enumerable.Repeat("a=1&", _random.Next(1000, 20_000))),
            3 => "key",
            _ => "key=wrong",
        };
        var contentType = _random.Next(4) == 0 ? "multipart/form-data; boundary=x" : "application/x-www-form-urlencoded";
        return new FuzzRequest(HttpMethod.Post, "/login", Encoding.UTF8.GetBytes(body), contentType);
    }

    private JsonNode MutateTree(JsonNode root)
    {
        var nodes = new List<JsonNode> { root };
        for (var i = 0; i < nodes.Count; i++)
        {
            switch (nodes[i])
            {
                case JsonObject obj:
                    nodes.AddRange(obj.Select(pair => pair.Value).OfType<JsonNode>());
                    break;
                case JsonArray array:
                    nodes.AddRange(array.OfType<JsonNode>());
                    break;
            }
        }

        var target = nodes[_random.Next(nodes.Count)];
        switch (_random.Next(6))
        {
            case 0 when target is JsonObject obj:
                obj[$"unknown_{_random.Next(1000)}"] = NastyValue();
                return root;
            case 1 when target is JsonObject obj && obj.Count > 0:
                obj.Remove(obj.ElementAt(_random.Next(obj.Count)).Key);
                return root;
            case 2 when target is JsonArray array && array.Count > 0:
                var element = array[_random.Next(array.Count)];
                for (var copies = _random.Next(10, 1000); copies > 0; copies--)
                {
                    array.Add(element?.DeepClone());
                }

                return root;
            case 3 when target.Parent is not null:
                Replace(target, new JsonArray(target.DeepClone()));
                return root;
            default:
                if (target.Parent is null)
                {
                    return NastyValue() ?? JsonValue.Create("null")!;
                }

                Replace(target, NastyValue());
                return root;
        }
    }

    private JsonNode? NastyValue() => Values[_random.Next(Values.Length)](_random);

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = value;
                break;
        }
    }

    private byte[] MutateText(string text)
    {
        switch (_random.Next(16))
        {
            case 0:
                return Encoding.UTF8.GetBytes(text[.._random.Next(text.Length)]);
            case 1:
                var at = FindStringPosition(text);
                return Encoding.UTF8.GetBytes(text.Insert(at, _random.Next(2) == 0 ? "\\ud800" : "\\udfff\\ud800x"));
            case 2:
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var flips = _random.Next(1, 8); flips > 0; flips--)
                {
                    bytes[_random.Next(bytes.Length)] = (byte)(_random.Next(2) == 0 ? 0xFF : _random.Next(256));
                }

                return bytes;
            case 3:
                var invalid = Encoding.UTF8.GetBytes(text).ToList();
                invalid.InsertRange(FindStringPosition(text), [0xC3, 0x28, 0xED, 0xA0, 0x80]);
                return [.. invalid];
            default:
                return Encoding.UTF8.GetBytes(text);
        }
    }

    /// <summary>A position just inside some string literal of the JSON text (after an opening quote), or 0.</summary>
    private int FindStringPosition(string text)
    {
        var quotes = new List<int>();
        for (var i = 0; i < text.Length && quotes.Count < 64; i++)
        {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                quotes.Add(i + 1);
            }
        }

        return quotes.Count == 0 ? 0 : quotes[_random.Next(quotes.Count)];
    }
}
