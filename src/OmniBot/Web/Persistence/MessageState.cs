namespace OmniBot.Web.Persistence;

/// <summary>How a reply ended.</summary>
public enum MessageState
{
    /// <summary>The model finished (or the message is the user's own).</summary>
    Complete,

    /// <summary>Still streaming, or cut short: stopped by the user, the page closed or the server stopped.</summary>
    Partial,

    /// <summary>The backend failed; <see cref="MessageRecord.Error"/> says why.</summary>
    Error,
}
