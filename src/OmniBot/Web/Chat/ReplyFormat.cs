namespace OmniBot.Web.Chat;

/// <summary>What shape a reply must take.</summary>
public enum ReplyFormat
{
    Text,

    /// <summary>Any JSON object.</summary>
    Json,

    /// <summary>JSON valid against <see cref="ConversationSettings.JsonSchema"/>.</summary>
    JsonSchema,
}
