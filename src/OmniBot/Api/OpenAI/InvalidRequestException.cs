namespace OmniBot.Api.OpenAI;

/// <summary>
/// A request the API cannot serve as written; answered 400 with <see cref="ArgumentException.ParamName"/> as OpenAI's
/// <c>param</c> and a message that says what to send instead.
/// </summary>
public sealed class InvalidRequestException : ArgumentException
{
    private readonly string _message;

    public InvalidRequestException(string message, string? parameter = null)
        : base(message, parameter)
    {
        _message = message;
    }

    public InvalidRequestException()
        : this("The request is not valid.")
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        _message = message;
    }

    /// <summary>The message alone, without the "(Parameter 'x')" suffix <see cref="ArgumentException"/> appends.</summary>
    public override string Message => _message;
}
