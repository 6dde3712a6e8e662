namespace OmniBot.Api.OpenAI.Chat;

/// <summary>The called function's name and its arguments as a JSON string.</summary>
public sealed record ResponseFunctionCall(string Name, string Arguments);
