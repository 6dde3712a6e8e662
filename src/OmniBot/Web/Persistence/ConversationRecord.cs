using OmniBot.Web.Chat;

namespace OmniBot.Web.Persistence;

/// <summary>A saved conversation: its title, the backend and model it talks to, and its generation settings.</summary>
public sealed record ConversationRecord(
    string Id,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string BackendId,
    string? Model,
    ConversationSettings Settings)
{
    /// <summary>A new id: 32 hex digits, safe in a URL.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
