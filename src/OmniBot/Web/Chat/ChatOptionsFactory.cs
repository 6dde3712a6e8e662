using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Web.Backends;

namespace OmniBot.Web.Chat;

/// <summary>Turns a conversation's settings into <see cref="ChatOptions"/> for its backend.</summary>
public static class ChatOptionsFactory
{
    /// <exception cref="ArgumentException">The JSON schema in the settings is not valid JSON.</exception>
    public static ChatOptions Create(ConversationSettings settings, BackendKind backend, string model, IReadOnlyList<AITool>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new ChatOptions
        {
            ModelId = model,
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            TopK = settings.TopK,
            MaxOutputTokens = settings.MaxTokens,
            Seed = settings.Seed,
            ResponseFormat = settings.Format switch
            {
                ReplyFormat.Json => ChatResponseFormat.Json,
                ReplyFormat.JsonSchema => ChatResponseFormat.ForJsonSchema(ParseSchema(settings.JsonSchema), "reply"),
                _ => null,
            },
        };

        var extra = new AdditionalPropertiesDictionary();
        if (settings.MinP is { } minP)
        {
            extra["min_p"] = minP;
        }

        // In-process models take the context size when they are loaded; Ollama takes it per request.
        if (backend == BackendKind.Ollama && settings.ContextSize is { } contextSize)
        {
            extra["num_ctx"] = contextSize;
        }

        if (extra.Count > 0)
        {
            options.AdditionalProperties = extra;
        }

        if (settings.ToolsEnabled && tools is { Count: > 0 })
        {
            options.Tools = [.. tools];
            options.ToolMode = ChatToolMode.Auto;
        }

        return options;
    }

    private static JsonElement ParseSchema(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            throw new ArgumentException("JSON schema mode is on but the schema is empty: paste a schema in the settings, or pick JSON or text.", nameof(schema));
        }

        try
        {
            using var document = JsonDocument.Parse(schema);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The JSON schema in the settings is not valid JSON: {exception.Message}", nameof(schema), exception);
        }
    }
}
