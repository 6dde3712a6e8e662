using System.Net;
using System.Text;
using System.Text.Json;
using OmniBot.Tests.Api.Ollama;
using OmniBot.Tests.Api.OpenAI;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api;

/// <summary>
/// Schemas, patterns and grammars built to crash or stall the server are refused with a 400 in each
/// API's own error shape, naming the limit, and the server goes on answering.
/// </summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class HostileGrammarRequestTests(ServerFixture fixture)
{
    private const string Hello = """[{"role":"user","content":"hi"}]""";

    private readonly OmniBotTestServer _server = fixture.Server;

    public static TheoryData<string, string> HostileSchemas => new()
    {
        { StringSchema(new string('(', 30_000) + "a" + new string(')', 30_000)), "pattern nests deeper than 256 groups at offset 256" },
        { StringSchema("^a{1000000}$"), "GrammarLimits.MaxPatternRepetition" },
        { ReferenceChain(1000), "nests deeper than 64 levels here" },
        { """{"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"null"}]}}}""", "refers back to itself" },
        { ObjectSchema(30_000), "GrammarLimits.MaxProperties" },
    };

    [Theory]
    [MemberData(nameof(HostileSchemas))]
    public async Task ChatCompletion_HostileResponseFormat_IsABadRequestNamingTheLimit(string schema, string problem)
    {
        var body = "{\"model\":\"tiny-qwen\",\"messages\":" + Hello + ",\"max_tokens\":1,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":" + schema + "}}}";

        await AssertOpenAIBadRequestAsync("/v1/chat/completions", body, "response_format.json_schema.schema", problem);
    }

    [Theory]
    [MemberData(nameof(HostileSchemas))]
    public async Task Generate_HostileFormat_IsABadRequestNamingTheLimit(string schema, string problem)
    {
        await AssertOllamaBadRequestAsync("api/generate", $$"""{"model":"tiny-llama","prompt":"hi","stream":false,"format":{{schema}}}""", problem);
    }

    [Fact]
    public async Task Chat_OllamaFormatNestedPastTheLimit_IsABadRequest()
    {
        var schema = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 100)) + "{}" + new string('}', 100);

        await AssertOllamaBadRequestAsync("api/chat", $$"""{"model":"tiny-llama","messages":{{Hello}},"stream":false,"format":{{schema}}}""", "depth");
    }

    [Fact]
    public async Task ChatCompletion_ResponseFormatNestedPastTheLimit_IsABadRequest()
    {
        var schema = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 100)) + "{}" + new string('}', 100);
        var body = "{\"model\":\"tiny-qwen\",\"messages\":" + Hello + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":" + schema + "}}}";

        await AssertOpenAIBadRequestAsync("/v1/chat/completions", body, null, "depth");
    }

    [Theory]
    [InlineData("/v1/completions")]
    [InlineData("/v1/chat/completions")]
    public async Task Post_GrammarNested100000Deep_IsABadRequestNamingTheLimit(string path)
    {
        var grammar = "root ::= " + new string('(', 100_000) + "\"a\"" + new string(')', 100_000);
        var input = path == "/v1/completions" ? "\"prompt\":\"hi\"" : $"\"messages\":{Hello}";
        var body = $$"""{"model":"tiny-qwen",{{input}},"max_tokens":1,"grammar":{{JsonSerializer.Serialize(grammar)}}}""";

        await AssertOpenAIBadRequestAsync(path, body, "grammar", "nests deeper than 1024 groups");
    }

    [Fact]
    public async Task Post_GrammarRepeatingALongLiteral_IsABadRequestNamingTheLimit()
    {
        var grammar = "root ::= \"" + new string('a', 10_000) + "\"{1999}";
        var body = $$"""{"model":"tiny-qwen","prompt":"hi","max_tokens":1,"grammar":{{JsonSerializer.Serialize(grammar)}}}""";

        await AssertOpenAIBadRequestAsync("/v1/completions", body, "grammar", "GrammarLimits.MaxGrammarElements");
    }

    [Fact]
    public async Task ChatCompletion_ThreeSchemasAtThePropertyLimitAtOnce_AllCompleteAndHealthAnswersMeanwhile()
    {
        // The worst schema the limits allow, three times at once: conversion must be near-linear
        // now, so each finishes; /health must answer while they run (a liveness check, not a timing).
        var schema = ObjectSchema(10_000, """{"type":"string"}""");
        var body = "{\"model\":\"tiny-qwen\",\"messages\":" + Hello + ",\"max_tokens\":1,\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":" + schema + "}}}";
        var requests = Enumerable.Range(0, 3).Select(async _ =>
        {
            using var request = JsonRequests.Post("/v1/chat/completions", body);
            var (response, json) = await JsonRequests.SendAsync(_server.Client, request);
            using (response)
            {
                return ((int)response.StatusCode, json.ToString());
            }
        }).ToList();

        using var liveness = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var health = await _server.Client.GetAsync(new Uri("/health", UriKind.Relative), liveness.Token);
        var results = await Task.WhenAll(requests);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.All(results, result => Assert.True(result.Item1 == 200, $"{result.Item1}: {result.Item2[..Math.Min(500, result.Item2.Length)]}"));
    }

    private async Task AssertOpenAIBadRequestAsync(string path, string body, string? parameter, string problem)
    {
        using var request = JsonRequests.Post(path, body);
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {json}");
        }

        var error = json.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        if (parameter is not null)
        {
            Assert.Equal(parameter, error.GetProperty("param").GetString());
        }

        await AssertStillServesAsync();
    }

    private async Task AssertOllamaBadRequestAsync(string path, string body, string problem)
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(problem, await OllamaHttp.ErrorAsync(response), StringComparison.OrdinalIgnoreCase);
        await AssertStillServesAsync();
    }

    private async Task AssertStillServesAsync()
    {
        const string body = """{"model":"tiny-qwen","prompt":"hi","max_tokens":2}""";
        using var request = JsonRequests.Post("/v1/completions", body);
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        }
    }

    private static string StringSchema(string pattern) => JsonSerializer.Serialize(new { type = "string", pattern });

    private static string ReferenceChain(int length)
    {
        var schema = new StringBuilder("{\"$ref\":\"#/$defs/d0\",\"$defs\":{");
        for (var i = 0; i < length; i++)
        {
            schema.Append("\"d").Append(i).Append("\":{\"$ref\":\"#/$defs/d").Append(i + 1).Append("\"},");
        }

        return schema.Append("\"d").Append(length).Append("\":{\"type\":\"integer\"}}}").ToString();
    }

    internal static string ObjectSchema(int count, string valueSchema = "{}")
    {
        var names = Enumerable.Range(0, count).Select(i => $"\"p{i}\"").ToList();
        return new StringBuilder("{\"type\":\"object\",\"properties\":{")
            .AppendJoin(",", names.Select(name => $"{name}:{valueSchema}"))
            .Append("},\"required\":[").AppendJoin(",", names).Append("]}")
            .ToString();
    }
}
