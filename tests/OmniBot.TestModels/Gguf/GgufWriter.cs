using System.Text;
using OmniBot.Models.Gguf;

namespace OmniBot.TestModels.Gguf;

/// <summary>
/// Writes GGUF v3 files: metadata of every value type, tensor infos and aligned F32/F16 tensor data.
/// Collect the metadata and tensors first, then <see cref="WriteTo(Stream, CancellationToken)"/> streams the file; the
/// same writer always produces the same bytes.
/// </summary>
public sealed class GgufWriter
{
    public const uint DefaultAlignment = 32;
    public const string AlignmentKey = "general.alignment";

    private const uint Version = 3;
    private const int MaxTensorNameBytes = 63;
    private const int MaxDimensions = 4;
    private const int ChunkElements = 1 << 16;

    private readonly List<string> _keys = [];
    private readonly Dictionary<string, GgufMetadataValue> _metadata = new(StringComparer.Ordinal);
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    public GgufWriter(uint alignment = DefaultAlignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "GGUF alignment must be a power of two.");
        }

        Alignment = alignment;
        if (alignment != DefaultAlignment)
        {
            Set(AlignmentKey, GgufMetadataValue.UInt32(alignment));
        }
    }

    public uint Alignment { get; }

    /// <summary>Metadata keys in the order they will be written.</summary>
    public IReadOnlyList<string> MetadataKeys => _keys;

    /// <summary>Tensor names in the order they will be written.</summary>
    public IReadOnlyList<string> TensorNames => _tensors.ConvertAll(tensor => tensor.Name);

    /// <summary>Adds a metadata entry, or replaces the value of an existing key in place.</summary>
    public void Set(string key, GgufMetadataValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == AlignmentKey && !(value.Type == GgufValueType.UInt32 && (uint)value.Value == Alignment))
        {
            throw new ArgumentException($"'{AlignmentKey}' follows the writer's alignment; create the writer with the alignment instead.", nameof(key));
        }

        if (_metadata.TryAdd(key, value))
        {
            _keys.Add(key);
        }
        else
        {
            _metadata[key] = value;
        }
    }

    public bool Remove(string key)
    {
        if (!_metadata.Remove(key))
        {
            return false;
        }

        _keys.Remove(key);
        return true;
    }

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GgufMetadataValue? value) =>
        _metadata.TryGetValue(key, out value);

    /// <summary>
    /// Adds a tensor whose values come from <paramref name="values"/> when the file is written.
    /// <paramref name="shape"/> is in ggml order: the innermost (row) dimension first.
    /// </summary>
    public void AddTensor(string name, GgufTensorType type, IReadOnlyList<long> shape, TensorValueSource values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        if (Encoding.UTF8.GetByteCount(name) > MaxTensorNameBytes)
        {
            throw new ArgumentException($"Tensor name '{name}' is longer than ggml's {MaxTensorNameBytes} bytes.", nameof(name));
        }

        if (type is not (GgufTensorType.F32 or GgufTensorType.F16))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "The writer encodes F32 and F16 tensors only.");
        }

        if (shape.Count is 0 or > MaxDimensions || shape.Any(dimension => dimension <= 0))
        {
            throw new ArgumentException($"Tensor '{name}' needs 1 to {MaxDimensions} positive dimensions.", nameof(shape));
        }

        if (!_tensorNames.Add(name))
        {
            throw new ArgumentException($"A tensor named '{name}' was already added.", nameof(name));
        }

        var elementCount = shape.Aggregate(1L, (product, dimension) => checked(product * dimension));
        _tensors.Add(new PendingTensor(name, type, [.. shape], elementCount, values));
    }

    /// <summary>Adds a tensor from values held in memory.</summary>
    public void AddTensor(string name, GgufTensorType type, IReadOnlyList<long> shape, ReadOnlyMemory<float> values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var expected = shape.Aggregate(1L, (product, dimension) => checked(product * dimension));
        if (values.Length != expected)
        {
            throw new ArgumentException($"Tensor '{name}' has {expected} elements but {values.Length} values were given.", nameof(values));
        }

        AddTensor(name, type, shape, (destination, offset) => values.Span.Slice((int)offset, destination.Length).CopyTo(destination));
    }

    /// <summary>Writes the file at <paramref name="path"/>, replacing any file there.</summary>
    public void WriteTo(string path, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        WriteTo(stream, cancellationToken);
    }

    public void WriteTo(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var output = new GgufOutput(destination);
        output.WriteBytes("GGUF"u8);
        output.WriteUInt32(Version);
        output.WriteUInt64((ulong)_tensors.Count);
        output.WriteUInt64((ulong)_keys.Count);
        foreach (var key in _keys)
        {
            output.WriteString(key);
            _metadata[key].WriteTo(output);
        }

        var offsets = new long[_tensors.Count];
        long dataSize = 0;
        for (var i = 0; i < _tensors.Count; i++)
        {
            var tensor = _tensors[i];
            dataSize = AlignUp(dataSize);
            offsets[i] = dataSize;
            dataSize += tensor.ByteCount;
            output.WriteString(tensor.Name);
            output.WriteUInt32((uint)tensor.Shape.Length);
            foreach (var dimension in tensor.Shape)
            {
                output.WriteUInt64((ulong)dimension);
            }

            output.WriteUInt32((uint)tensor.Type);
            output.WriteUInt64((ulong)offsets[i]);
        }

        output.PadTo(Alignment);
        var dataStart = output.Position;
        var values = new float[ChunkElements];
        var bytes = new byte[ChunkElements * sizeof(float)];
        for (var i = 0; i < _tensors.Count; i++)
        {
            output.PadTo(Alignment);
            if (output.Position - dataStart != offsets[i])
            {
                throw new InvalidOperationException($"Tensor '{_tensors[i].Name}' landed at the wrong offset.");
            }

            WriteTensorData(output, _tensors[i], values, bytes, cancellationToken);
        }

        output.PadTo(Alignment);
        destination.Flush();
    }

    private static void WriteTensorData(GgufOutput output, PendingTensor tensor, float[] values, byte[] bytes, CancellationToken cancellationToken)
    {
        for (long offset = 0; offset < tensor.ElementCount; offset += ChunkElements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(ChunkElements, tensor.ElementCount - offset);
            var chunk = values.AsSpan(0, count);
            tensor.Values(chunk, offset);
            var encoded = tensor.Type == GgufTensorType.F32
                ? TensorEncoding.EncodeF32(chunk, bytes)
                : TensorEncoding.EncodeF16(chunk, bytes);
            output.WriteBytes(encoded);
        }
    }

    private long AlignUp(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private sealed record PendingTensor(string Name, GgufTensorType Type, long[] Shape, long ElementCount, TensorValueSource Values)
    {
        public long ByteCount => ElementCount * (Type == GgufTensorType.F32 ? 4 : 2);
    }
}
