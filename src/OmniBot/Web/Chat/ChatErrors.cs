using System.ClientModel;
using OllamaSharp.Models.Exceptions;
using OmniBot.Engine.Errors;
using OmniBot.Server.Errors;
using OmniBot.Web.Backends;

namespace OmniBot.Web.Chat;

/// <summary>A failed reply as one sentence for the chat: what went wrong and what to do about it.</summary>
public static class ChatErrors
{
    public static string Describe(Exception exception, string backendName)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            BackendUnavailableException unavailable => unavailable.Message,
            ContextOverflowException overflow =>
                $"The conversation ({overflow.PromptTokens} tokens) does not fit in the model's context ({overflow.ContextSize} tokens). " +
                "Raise the context size in the settings, shorten the message, or start a new chat.",
            ClientResultException { Status: 401 or 403 } => $"The backend '{backendName}' refused the API key (HTTP 401/403). Check the key on the Backends page.",
            ClientResultException { Status: 404 } result => $"The backend '{backendName}' does not know this model (HTTP 404): {result.Message}",
            ClientResultException { Status: > 0 } result => $"The backend '{backendName}' answered HTTP {result.Status}: {result.Message}",
            ClientResultException result => $"Cannot reach the backend '{backendName}': {result.GetBaseException().Message}. Check that it is running.",
            OllamaException ollama => $"Ollama ('{backendName}') refused the request: {ollama.Message}",
            HttpRequestException http => $"Cannot reach the backend '{backendName}': {http.Message} Check that it is running and the URL is right.",
            OperationCanceledException or TimeoutException => $"The backend '{backendName}' stopped answering before the reply was complete.",
            _ when ApiError.From(exception) is { } error => error.Message,
            _ => $"The reply failed: {exception.Message}",
        };
    }
}
