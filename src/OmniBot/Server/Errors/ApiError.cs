using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Templates;
using OmniBot.Models.Downloads;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;
using OmniBot.Server.Pulls;

namespace OmniBot.Server.Errors;

/// <summary>
/// A failure as an HTTP API reports it: status code, a machine-readable code (OpenAI's <c>error.code</c>),
/// and a message that says what to fix. <see cref="From"/> maps the engine's and store's exceptions.
/// </summary>
public sealed record ApiError(int StatusCode, string Code, string Message, string? Parameter = null)
{
    /// <summary>Seconds a client should wait before retrying a busy server.</summary>
    public const int RetryAfterSeconds = 1;

    public static ApiError BadRequest(string message, string? parameter = null) => new(StatusCodes.Status400BadRequest, "invalid_request_error", message, parameter);

    public static ApiError ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, "model_not_found", $"Model '{model}' is not in the store. Pull it first (omnibot pull {model}) or pick one from /v1/models.", "model");

    /// <summary>Maps an exception thrown while serving a request; null when it is a bug (answered 500 by the caller).</summary>
    public static ApiError? From(Exception exception) => exception switch
    {
        EngineBusyException busy => new(StatusCodes.Status429TooManyRequests, "server_busy", busy.Message),
        ModelNotFoundException notFound => new(StatusCodes.Status404NotFound, "model_not_found", notFound.Message, "model"),
        InvalidModelNameException invalidName => BadRequest(invalidName.Message, "model"),
        ContextOverflowException overflow => new(StatusCodes.Status400BadRequest, "context_length_exceeded", overflow.Message, "messages"),
        InputTooLongException tooLong => new(StatusCodes.Status400BadRequest, "context_length_exceeded", tooLong.Message, "input"),
        GrammarConversionException schema => BadRequest($"The JSON schema cannot be enforced: {schema.Message}", "response_format"),
        GrammarTooCostlyException costly => BadRequest(costly.Message, "response_format"),
        GbnfParseException grammar => BadRequest($"The grammar is not valid GBNF: {grammar.Message}", "grammar"),
        TemplateException template => new(StatusCodes.Status400BadRequest, "template_error", $"The model's chat template failed on these messages: {template.Message}", "messages"),
        GgufFormatException corrupt => new(StatusCodes.Status422UnprocessableEntity, "invalid_model_file", corrupt.Message, "model"),
        NotEnoughMemoryException memory => new(StatusCodes.Status507InsufficientStorage, "not_enough_memory", memory.Message, "model"),
        ModelLoadException load => new(StatusCodes.Status422UnprocessableEntity, "model_load_failed", load.Message, "model"),
        InsufficientDiskSpaceException disk => new(StatusCodes.Status507InsufficientStorage, "insufficient_disk_space", disk.Message),
        PullRefusedException refused => new(StatusCodes.Status403Forbidden, "pull_refused", refused.Message),
        TooManyPullsException busy => new(StatusCodes.Status429TooManyRequests, "too_many_pulls", busy.Message),
        ModelDownloadException download => new(StatusCodes.Status502BadGateway, "download_failed", download.Message),
        ModelStoreException store => BadRequest(store.Message),
        LlamaEngineException engine => BadRequest(engine.Message, "model"),
        JsonException json => BadRequest($"The request body is not valid JSON for this endpoint: {json.Message}"),
        BadHttpRequestException badRequest => new(badRequest.StatusCode, "invalid_request_error", badRequest.Message),
        InvalidDataException malformed => BadRequest($"The request body is malformed: {malformed.Message}"),
        ArgumentException argument => BadRequest(WithoutParameterSuffix(argument), argument.ParamName is { } name ? JsonNamingPolicy.SnakeCaseLower.ConvertName(name) : null),
        _ => null,
    };

    /// <summary>The engine's message without the "(Parameter 'StopSequences')" that <see cref="ArgumentException"/> appends.</summary>
    private static string WithoutParameterSuffix(ArgumentException argument) =>
        argument.ParamName is { } name ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : argument.Message;
}
