using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace OmniBot.Api.OpenAI;

/// <summary>
/// Reads a request body into its DTO, so that malformed JSON and values of the wrong type become a 400 that
/// names the field, never a framework error.
/// </summary>
internal static partial class OpenAIRequestReader
{
    /// <exception cref="InvalidRequestException">The body is empty, not JSON, not an object, or a field has the wrong type.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception) when (exception.BytePositionInLine == 0 && exception.LineNumber == 0)
        {
            throw new InvalidRequestException("The request body is empty or does not start with JSON: send a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidRequestException($"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): {FirstSentence(exception.Message)}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidRequestException($"The request body must be a JSON object, not {Describe(document.RootElement)}.");
            }

            if (JsonTextValidator.FindInvalidText(document.RootElement) is { } invalid)
            {
                throw new InvalidRequestException($"'{invalid}' is not valid text: it holds bytes that are not UTF-8 or an escaped lone surrogate (\\ud800). Send UTF-8 JSON.", invalid);
            }

            try
            {
                return document.RootElement.Deserialize<T>(OpenAIJson.Options)
                    ?? throw new InvalidRequestException("The request body must be a JSON object.");
            }
            catch (JsonException exception)
            {
                var parameter = Parameter(exception.Path);
                var found = Find(document.RootElement, exception.Path) is { } element ? $" (got {Describe(element)})" : string.Empty;
                throw new InvalidRequestException($"'{parameter}' has the wrong type{found}; see the OpenAI API reference for what it takes.", parameter);
            }
        }
    }

    /// <summary>"a string", "a number", ... for messages.</summary>
    public static string Describe(JsonElement element) => Describe(element.ValueKind);

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    /// <summary>"$.messages[0].content" → "messages[0].content".</summary>
    private static string Parameter(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The element a JSON path such as <c>$.messages[0]['content']</c> points at, when it exists.</summary>
    private static JsonElement? Find(JsonElement root, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var current = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
                continue;
            }

            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>[^']*)'\]")]
    private static partial Regex PathStep();
}
