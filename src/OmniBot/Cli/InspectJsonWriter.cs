using System.Text.Encodings.Web;
using System.Text.Json;
using OmniBot.Models.Gguf;

namespace OmniBot.Cli;

/// <summary>Writes <c>omnibot inspect --json</c>: the model's facts and every metadata key with its complete value.</summary>
internal static class InspectJsonWriter
{
    public static void Write(Stream stream, GgufModelInfo info, MemoryEstimate estimate)
    {
        // Chat templates are full of '<' and '>'; escaping them would make the JSON hard to read.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var file = info.File;
        json.WriteStartObject();
        json.WriteString("path", file.SourcePath);
        json.WriteString("architecture", info.Architecture);
        WriteNullable(json, "name", info.Name);
        json.WriteNumber("parameterCount", info.ParameterCount);
        WriteNullable(json, "fileType", info.FileType);
        WriteNullable(json, "fileTypeId", info.FileTypeId);
        WriteNullable(json, "contextLength", info.ContextLength);
        WriteNullable(json, "embeddingLength", info.EmbeddingLength);
        WriteNullable(json, "blockCount", info.BlockCount);
        WriteNullable(json, "feedForwardLength", info.FeedForwardLength);
        WriteNullable(json, "headCount", info.HeadCount);
        WriteNullable(json, "headCountKv", info.HeadCountKv);
        WriteNullable(json, "vocabSize", info.VocabSize);
        WriteNullable(json, "tokenizerModel", info.TokenizerModel);
        WriteNullable(json, "tokenizerPre", info.TokenizerPre);
        WriteNullable(json, "bosTokenId", info.BosTokenId);
        WriteNullable(json, "eosTokenId", info.EosTokenId);
        WriteNullable(json, "poolingType", info.PoolingType?.ToString());
        WriteNullable(json, "chatTemplate", info.ChatTemplate);
        json.WriteStartObject("chatTemplates");
        foreach (var (name, template) in info.ChatTemplates)
        {
            json.WriteString(name, template);
        }

        json.WriteEndObject();
        json.WriteNumber("tensorCount", info.TensorCount);
        json.WriteNumber("tensorDataBytes", info.TensorDataBytes);
        json.WriteStartArray("tensorTypes");
        foreach (var type in info.TensorTypes)
        {
            json.WriteStartObject();
            json.WriteString("type", type.Type.ToString());
            json.WriteNumber("tensorCount", type.TensorCount);
            json.WriteNumber("elementCount", type.ElementCount);
            json.WriteNumber("byteSize", type.ByteSize);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("ggufVersion", file.Version);
        json.WriteNumber("alignment", file.Alignment);
        json.WriteNumber("fileSize", file.FileSize);
        json.WriteStartObject("memoryEstimate");
        json.WriteNumber("contextSize", estimate.Options.ContextSize);
        json.WriteNumber("weightBytes", estimate.WeightBytes);
        json.WriteNumber("kvCacheBytes", estimate.KvCacheBytes);
        json.WriteNumber("computeBufferBytes", estimate.ComputeBufferBytes);
        json.WriteNumber("totalBytes", estimate.TotalBytes);
        json.WriteEndObject();
        json.WriteStartObject("metadata");
        foreach (var (key, value) in file.Metadata)
        {
            json.WritePropertyName(key);
            value.WriteTo(json);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
