using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>Turns the chat client's answer into OpenAI's shapes.</summary>
internal static class ChatCompletionMapper
{
    public static ChatCompletionResponse ToResponse(ChatResponse response, string id, long created, string model)
    {
        ArgumentNullException.ThrowIfNull(response);
        var contents = response.Messages.SelectMany(message => message.Contents).ToList();
        var reasoning = string.Concat(contents.OfType<TextReasoningContent>().Select(content => content.Text));
        var calls = contents.OfType<FunctionCallContent>().Select(call => ToolCall(call, null)).ToList();
        var text = string.Concat(contents.OfType<TextContent>().Select(content => content.Text));
        var message = new ChatMessageOutput
        {
            Role = "assistant",
            Content = text.Length > 0 || calls.Count == 0 ? text : null,
            ReasoningContent = reasoning.Length > 0 ? reasoning : null,
            ToolCalls = calls.Count > 0 ? calls : null,
        };
        return new ChatCompletionResponse(id, created, model, [new ChatCompletionChoice(0, message, FinishReason(response.FinishReason))], CompletionUsage.From(response.Usage));
    }

    public static ResponseToolCall ToolCall(FunctionCallContent call, int? index)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
        return new ResponseToolCall(index, call.CallId, new ResponseFunctionCall(call.Name, arguments));
    }

    public static string FinishReason(ChatFinishReason? reason) =>
        reason == ChatFinishReason.ToolCalls ? "tool_calls"
        : reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : "stop";
}
