namespace OmniBot.Web.Backends;

/// <summary>The outcome of testing a backend: whether it answered, a sentence for the user, and its models when it did.</summary>
public sealed record BackendProbe(bool IsReachable, string Message, IReadOnlyList<BackendModel> Models);
