using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Chat;

/// <summary>Turns Microsoft.Extensions.AI messages and tools into the shapes chat templates read (OpenAI's).</summary>
internal static class ChatMessageMapper
{
    public static IEnumerable<ChatTemplateMessage> ToTemplateMessages(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (results.Count > 0)
            {
                // Each tool result is its own "tool" message in the OpenAI shape templates expect.
                foreach (var result in results)
                {
                    yield return new ChatTemplateMessage("tool")
                    {
                        Content = ResultText(result.Result),
                        ToolCallId = result.CallId,
                    };
                }

                continue;
            }

            var calls = message.Contents.OfType<FunctionCallContent>()
                .Select(call => new ChatTemplateToolCall(call.Name, JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions)) { Id = call.CallId })
                .ToList();
            var reasoning = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(content => content.Text));
            yield return new ChatTemplateMessage(message.Role.Value)
            {
                Content = message.Text,
                ReasoningContent = reasoning.Length > 0 ? reasoning : null,
                ToolCalls = calls.Count > 0 ? calls : null,
                Name = message.AuthorName,
            };
        }
    }

    public static IReadOnlyList<JsonElement>? ToTemplateTools(ChatOptions? options)
    {
        var functions = options?.Tools?.OfType<AIFunctionDeclaration>().ToList();
        if (functions is null || functions.Count == 0 || options?.ToolMode is NoneChatToolMode)
        {
            return null;
        }

        return functions
            .Select(function => JsonSerializer.SerializeToElement(new
            {
                type = "function",
                function = new
                {
                    name = function.Name,
                    // Always present, as transformers' schemas have it: several templates read it unguarded.
                    description = function.Description ?? string.Empty,
                    parameters = function.JsonSchema,
                },
            }, AIJsonUtilities.DefaultOptions))
            .ToList();
    }

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };
}
