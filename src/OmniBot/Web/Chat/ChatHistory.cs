using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Chat;

/// <summary>Saved messages as the conversation a model is sent: the system prompt first, tool traffic replayed, failed replies left out.</summary>
public static class ChatHistory
{
    public static List<ChatMessage> Build(ConversationSettings settings, IEnumerable<MessageRecord> messages)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(messages);
        var history = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(settings.SystemPrompt))
        {
            history.Add(new ChatMessage(ChatRole.System, settings.SystemPrompt));
        }

        foreach (var message in messages)
        {
            if (message.Role == MessageRole.User)
            {
                history.Add(new ChatMessage(ChatRole.User, message.Content));
                continue;
            }

            var answered = message.ToolCalls.Where(call => call.Result is not null).ToList();
            if (answered.Count > 0)
            {
                history.Add(new ChatMessage(ChatRole.Assistant, [.. answered.Select(call => new FunctionCallContent(call.CallId, call.Name, Arguments(call.Arguments)))]));
                history.Add(new ChatMessage(ChatRole.Tool, [.. answered.Select(call => new FunctionResultContent(call.CallId, call.Result))]));
            }

            if (message.Content.Length > 0)
            {
                history.Add(new ChatMessage(ChatRole.Assistant, message.Content));
            }
        }

        return history;
    }

    private static Dictionary<string, object?>? Arguments(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, object?>>(json, AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
