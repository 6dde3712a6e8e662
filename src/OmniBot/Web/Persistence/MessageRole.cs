namespace OmniBot.Web.Persistence;

/// <summary>Who wrote a saved message; the system prompt lives in the conversation's settings, tool traffic inside the reply.</summary>
public enum MessageRole
{
    User,
    Assistant,
}
