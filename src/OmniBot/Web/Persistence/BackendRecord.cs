using OmniBot.Web.Backends;

namespace OmniBot.Web.Persistence;

/// <summary>A saved backend. <see cref="ApiKey"/> is kept in the local database and never shown again in the UI.</summary>
public sealed record BackendRecord(string Id, BackendKind Kind, string Name, string? Url, string? ApiKey, bool IsDefault)
{
    /// <summary>The id of the built-in in-process backend, which always exists.</summary>
    public const string BuiltInId = "llama.cpp";

    public bool IsBuiltIn => Id == BuiltInId;
}
