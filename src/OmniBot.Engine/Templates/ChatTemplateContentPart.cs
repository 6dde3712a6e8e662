namespace OmniBot.Engine.Templates;

/// <summary>One part of a multi-part message content (OpenAI style): <c>{"type": "text", "text": "..."}</c>, an image, ...</summary>
/// <param name="Type">The part type, such as <c>text</c> or <c>image</c>.</param>
public sealed record ChatTemplateContentPart(string Type)
{
    /// <summary>The text of a <c>text</c> part; null leaves the <c>text</c> key out.</summary>
    public string? Text { get; init; }

    /// <summary>Further keys of the part (for example <c>image_url</c>), passed to the template as they are.</summary>
    public IReadOnlyDictionary<string, object?>? AdditionalProperties { get; init; }

    /// <summary>A <c>text</c> part.</summary>
    public static ChatTemplateContentPart FromText(string text) => new("text") { Text = text };
}
