namespace OmniBot.Models.Gguf;

/// <summary>
/// Checks the metadata values llama.cpp reads and trusts when loading: their types, their ranges, and
/// that per-token and per-layer arrays have the lengths it indexes them with (a short
/// tokenizer.ggml.scores array would otherwise be read past its end).
/// </summary>
internal sealed class GgufKnownKeysValidator
{
    /// <summary>llama.cpp's LLAMA_MAX_LAYERS: it refuses models with more layers.</summary>
    internal const int MaxLayers = 512;

    private readonly GgufMetadata _metadata;
    private readonly string? _filePath;

    private GgufKnownKeysValidator(GgufMetadata metadata, string? filePath)
    {
        _metadata = metadata;
        _filePath = filePath;
    }

    public static void Validate(GgufMetadata metadata, string? filePath, long metadataEnd) =>
        new GgufKnownKeysValidator(metadata, filePath).Validate(metadataEnd);

    private void Validate(long metadataEnd)
    {
        if (!_metadata.TryGetValue(GgufKeys.Architecture, out var architectureValue))
        {
            throw new GgufFormatException($"the required key {GgufKeys.Architecture} is missing", metadataEnd, "metadata", _filePath);
        }

        if (architectureValue.Type != GgufValueType.String || architectureValue.AsString().Length == 0)
        {
            throw Error(GgufKeys.Architecture, $"it must be a non-empty string, but it is {Describe(architectureValue)}");
        }

        ValidateAlignment();
        foreach (var (key, value) in _metadata)
        {
            if (key.StartsWith(GgufKeys.NamedChatTemplatePrefix, StringComparison.Ordinal) && value.Type != GgufValueType.String)
            {
                throw Error(key, $"a chat template must be a string, but it is {Describe(value)}");
            }
        }

        foreach (var key in new[] { GgufKeys.Name, GgufKeys.TokenizerModel, GgufKeys.TokenizerPre, GgufKeys.ChatTemplate })
        {
            RequireType(key, GgufValueType.String);
        }

        ValidateTokenizerArrays();
        RequireInteger(GgufKeys.FileType, uint.MaxValue);
        RequireInteger(GgufKeys.BosTokenId, int.MaxValue);
        RequireInteger(GgufKeys.EosTokenId, int.MaxValue);

        var architecture = architectureValue.AsString();
        var blockCount = RequireInteger(GgufKeys.BlockCount(architecture), MaxLayers);
        foreach (var key in new[]
        {
            GgufKeys.ContextLength(architecture), GgufKeys.EmbeddingLength(architecture), GgufKeys.KeyLength(architecture),
            GgufKeys.ValueLength(architecture), GgufKeys.VocabSize(architecture),
        })
        {
            RequireInteger(key, uint.MaxValue);
        }

        RequireIntegerPerLayer(GgufKeys.FeedForwardLength(architecture), blockCount, uint.MaxValue);
        RequireIntegerPerLayer(GgufKeys.HeadCount(architecture), blockCount, int.MaxValue);
        RequireIntegerPerLayer(GgufKeys.HeadCountKv(architecture), blockCount, int.MaxValue);

        RequireInteger(GgufKeys.PoolingType(architecture), (long)GgufPoolingType.Rank);
    }

    private void ValidateAlignment()
    {
        if (!_metadata.TryGetValue(GgufKeys.Alignment, out var value))
        {
            return;
        }

        if (value.Type != GgufValueType.UInt32)
        {
            throw Error(GgufKeys.Alignment, $"it must be a uint32, but it is {Describe(value)}");
        }

        var alignment = value.AsUInt32();
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw Error(GgufKeys.Alignment, $"it is {alignment}, but the alignment must be a power of two");
        }
    }

    private void ValidateTokenizerArrays()
    {
        var tokens = RequireArray(GgufKeys.Tokens, GgufValueType.String);
        RequireArray(GgufKeys.Merges, GgufValueType.String);
        foreach (var (key, type) in new[] { (GgufKeys.Scores, GgufValueType.Float32), (GgufKeys.TokenTypes, GgufValueType.Int32) })
        {
            var array = RequireArray(key, type);
            if (array is not null && array.Count != (tokens?.Count ?? 0))
            {
                throw Error(key, $"it has {array.Count} items, but there are {tokens?.Count ?? 0} tokens ({GgufKeys.Tokens}); llama.cpp reads one per token");
            }
        }
    }

    private void RequireType(string key, GgufValueType type)
    {
        if (_metadata.TryGetValue(key, out var value) && value.Type != type)
        {
            throw Error(key, $"it must be a {type}, but it is {Describe(value)}");
        }
    }

    private GgufArray? RequireArray(string key, GgufValueType elementType)
    {
        if (!_metadata.TryGetValue(key, out var value))
        {
            return null;
        }

        return value.Type == GgufValueType.Array && value.AsArray().ElementType == elementType
            ? value.AsArray()
            : throw Error(key, $"it must be an array of {elementType}, but it is {Describe(value)}");
    }

    private long? RequireInteger(string key, long max)
    {
        if (!_metadata.TryGetValue(key, out var value))
        {
            return null;
        }

        if (!value.IsInteger)
        {
            throw Error(key, $"it must be an integer, but it is {Describe(value)}");
        }

        return value.TryGetInt64(out var number) && number >= 0 && number <= max
            ? number
            : throw Error(key, $"it is {value}, outside the valid range 0 to {max}");
    }

    private void RequireIntegerPerLayer(string key, long? blockCount, long max)
    {
        if (!_metadata.TryGetValue(key, out var value) || value.Type != GgufValueType.Array)
        {
            RequireInteger(key, max);
            return;
        }

        var array = value.AsArray();
        if (!array.TryGetInt64s(out var numbers))
        {
            throw Error(key, $"a per-layer value must be an integer or an array of integers, but it is {Describe(value)}");
        }

        if (array.Count != (blockCount ?? array.Count) || array.Count > MaxLayers)
        {
            throw Error(key, $"it has {array.Count} per-layer values, but the model has {blockCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} layers");
        }

        if (numbers.Any(number => number < 0 || number > max))
        {
            throw Error(key, $"a per-layer value is outside the valid range 0 to {max}");
        }
    }

    private GgufFormatException Error(string key, string problem)
    {
        var index = _metadata.IndexOf(key);
        return new GgufFormatException($"{key}: {problem}", _metadata.GetEntryOffset(index), GgufReader.DescribeKey(index, key), _filePath);
    }

    private static string Describe(GgufValue value) => value.Type switch
    {
        GgufValueType.Array => $"an array of {value.AsArray().Count} {value.AsArray().ElementType} items",
        GgufValueType.String => $"the string \"{GgufReader.Printable(value.AsString())}\"",
        _ => $"the {value.Type} {value}",
    };
}
