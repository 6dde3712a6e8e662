namespace OmniBot.Tests.Server.Fuzz;

/// <summary>One request the fuzzer sends: a method, a path (with any query) and an optional body.</summary>
internal sealed record FuzzRequest(HttpMethod Method, string Path, byte[]? Body = null, string ContentType = "application/json")
{
    /// <summary>Whether the endpoint generates text, so a mutated request may legitimately run until the client leaves.</summary>
    public bool Generates => Path.StartsWith("/v1/chat", StringComparison.Ordinal) || Path.StartsWith("/v1/completions", StringComparison.Ordinal)
        || Path.StartsWith("/api/chat", StringComparison.Ordinal) || Path.StartsWith("/api/generate", StringComparison.Ordinal);

    public override string ToString()
    {
        var body = Body is null ? string.Empty : System.Text.Encoding.UTF8.GetString(Body);
        return $"{Method} {Path} {(body.Length > 300 ? body[..300] + $"… ({body.Length} chars)" : body)}";
    }
}
