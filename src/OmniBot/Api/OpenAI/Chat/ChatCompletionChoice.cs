namespace OmniBot.Api.OpenAI.Chat;

/// <summary>The one choice of a chat completion: the assistant message and why it ended (stop, length, tool_calls).</summary>
public sealed record ChatCompletionChoice(int Index, ChatMessageOutput Message, string FinishReason);
