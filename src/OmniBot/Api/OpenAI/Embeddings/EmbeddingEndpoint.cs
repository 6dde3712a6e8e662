using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Models;

namespace OmniBot.Api.OpenAI.Embeddings;

/// <summary><c>POST /v1/embeddings</c>: vectors from any model, batched in one call to its embedding generator.</summary>
internal static class EmbeddingEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ServedModels models, ModelHost host)
    {
        var cancellationToken = context.RequestAborted;
        var request = await OpenAIRequestReader.ReadAsync<EmbeddingRequest>(context.Request, cancellationToken).ConfigureAwait(false);
        var model = OpenAIRequestContext.RequireModel(request.Model);
        var inputs = Inputs(request.Input);
        var base64 = request.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            var other => throw new InvalidRequestException($"encoding_format '{other}' is not known: use float or base64.", "encoding_format"),
        };

        await using var lease = await OpenAIRequestContext.LeaseAsync(context, models, host, model).ConfigureAwait(false);
        var generator = lease.Embeddings;
        if (request.Dimensions is { } dimensions && dimensions != generator.Dimensions)
        {
            throw new InvalidRequestException(
                $"dimensions is {dimensions} but '{model}' makes vectors of {generator.Dimensions}: leave dimensions out or set it to {generator.Dimensions}.",
                "dimensions");
        }

        var embeddings = await generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        var data = embeddings
            .Select((embedding, index) => new EmbeddingData(index, base64 ? Base64(embedding.Vector.Span) : embedding.Vector.ToArray()))
            .ToList();
        return Results.Json(new EmbeddingResponse(data, model, InputUsage.Of(embeddings.Usage?.InputTokenCount ?? 0)), OpenAIJson.Options);
    }

    private static List<string> Inputs(JsonElement? input)
    {
        const string Parameter = "input";
        switch (input)
        {
            case { ValueKind: JsonValueKind.String } text:
                return [text.GetString()!];
            case { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() == 0:
                throw new InvalidRequestException("input is an empty array: give at least one text to embed.", Parameter);
            case { ValueKind: JsonValueKind.Array } array:
                var texts = new List<string>(array.GetArrayLength());
                foreach (var item in array.EnumerateArray())
                {
                    texts.Add(item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString()!,
                        JsonValueKind.Number or JsonValueKind.Array => throw new InvalidRequestException("input as token ids is not supported: send the texts as strings.", Parameter),
                        _ => throw new InvalidRequestException($"input must be a string or an array of strings; input[{texts.Count}] is {OpenAIRequestReader.Describe(item)}.", Parameter),
                    });
                }

                return texts;
            case null or { ValueKind: JsonValueKind.Null }:
                throw new InvalidRequestException("input is missing: give a string or an array of strings to embed.", Parameter);
            default:
                throw new InvalidRequestException($"input must be a string or an array of strings, not {OpenAIRequestReader.Describe(input.Value)}.", Parameter);
        }
    }

    /// <summary>OpenAI's base64 encoding: the float32 values in little-endian byte order.</summary>
    private static string Base64(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
