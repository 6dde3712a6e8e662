using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>
/// Builds small, valid GGUF files in memory: metadata entries and tensors laid out as llama.cpp writes
/// them, with seeded bytes as tensor data. Knobs let a test break one thing at a time.
/// </summary>
internal sealed class SyntheticGguf
{
    private readonly List<(string Key, GgufValue Value)> _metadata = [];
    private readonly List<(string Name, long[] Dimensions, GgmlType Type, ulong? Offset)> _tensors = [];

    public uint Version { get; set; } = 3;

    public uint Alignment { get; set; } = 32;

    /// <summary>The size of the data section written; by default it ends with the last tensor's data.</summary>
    public long? DataSize { get; set; }

    /// <summary>Bytes added after the last tensor's data.</summary>
    public int TrailingBytes { get; set; }

    public SyntheticGguf Add(string key, GgufValue value)
    {
        _metadata.Add((key, value));
        return this;
    }

    public SyntheticGguf Add(string key, string value) => Add(key, GgufValue.FromString(value));

    public SyntheticGguf Add(string key, uint value) => Add(key, GgufValue.FromUInt32(value));

    public SyntheticGguf Tensor(string name, GgmlType type, params long[] dimensions) => Tensor(name, type, null, dimensions);

    /// <summary>Adds a tensor whose stored offset is <paramref name="offset"/> instead of the next free aligned one.</summary>
    public SyntheticGguf Tensor(string name, GgmlType type, ulong? offset, params long[] dimensions)
    {
        _tensors.Add((name, dimensions, type, offset));
        return this;
    }

    /// <summary>A llama-shaped model: 2 layers, 64 wide, 4 heads (2 KV heads), 100 tokens, ChatML template.</summary>
    public static SyntheticGguf TinyLlama(GgmlType weightType = GgmlType.F32)
    {
        const int Width = 64;
        const int FeedForward = 128;
        const int Vocab = 100;
        var tokens = Enumerable.Range(0, Vocab).Select(i => i switch { 0 => "<unk>", 1 => "<s>", 2 => "</s>", _ => $"tok{i}" }).ToArray();
        var model = new SyntheticGguf()
            .Add("general.architecture", "llama")
            .Add("general.name", "tiny-test-llama")
            .Add("general.file_type", weightType == GgmlType.F32 ? 0u : 7u)
            .Add("llama.context_length", 256u)
            .Add("llama.embedding_length", (uint)Width)
            .Add("llama.block_count", 2u)
            .Add("llama.feed_forward_length", (uint)FeedForward)
            .Add("llama.attention.head_count", 4u)
            .Add("llama.attention.head_count_kv", 2u)
            .Add("llama.attention.layer_norm_rms_epsilon", GgufValue.FromFloat32(1e-5f))
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", GgufValue.FromArray(GgufArray.FromStrings(tokens)))
            .Add("tokenizer.ggml.scores", GgufValue.FromArray(GgufArray.Create<float>(Enumerable.Range(0, Vocab).Select(i => -(float)i).ToArray())))
            .Add("tokenizer.ggml.token_type", GgufValue.FromArray(GgufArray.Create<int>(Enumerable.Range(0, Vocab).Select(i => i < 3 ? 3 : 1).ToArray())))
            .Add("tokenizer.ggml.bos_token_id", 1u)
            .Add("tokenizer.ggml.eos_token_id", 2u)
            .Add("tokenizer.chat_template", "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}")
            .Add("tokenizer.chat_template.tool_use", "{{ tools | tojson }}")
            .Tensor("token_embd.weight", weightType, Width, Vocab);
        for (var layer = 0; layer < 2; layer++)
        {
            model.Tensor($"blk.{layer}.attn_norm.weight", GgmlType.F32, Width)
                .Tensor($"blk.{layer}.attn_q.weight", weightType, Width, Width)
                .Tensor($"blk.{layer}.attn_k.weight", weightType, Width, Width / 2)
                .Tensor($"blk.{layer}.attn_v.weight", weightType, Width, Width / 2)
                .Tensor($"blk.{layer}.attn_output.weight", weightType, Width, Width)
                .Tensor($"blk.{layer}.ffn_norm.weight", GgmlType.F32, Width)
                .Tensor($"blk.{layer}.ffn_gate.weight", weightType, Width, FeedForward)
                .Tensor($"blk.{layer}.ffn_up.weight", weightType, Width, FeedForward)
                .Tensor($"blk.{layer}.ffn_down.weight", weightType, FeedForward, Width);
        }

        return model.Tensor("output_norm.weight", GgmlType.F32, Width).Tensor("output.weight", weightType, Width, Vocab);
    }

    public byte[] Build()
    {
        var writer = new GgufTestWriter().Header(Version, (ulong)_tensors.Count, (ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            writer.Entry(key, value);
        }

        var sizes = _tensors.Select(tensor => GgmlTypeInfo.Get(tensor.Type).GetByteCount(tensor.Dimensions.Aggregate(1L, (a, b) => a * b))).ToArray();
        var next = 0L;
        var offsets = new long[_tensors.Count];
        for (var i = 0; i < _tensors.Count; i++)
        {
            offsets[i] = (long?)_tensors[i].Offset ?? next;
            next = AlignUp(Math.Max(next, offsets[i] + sizes[i]), Alignment);
            writer.TensorInfo(_tensors[i].Name, _tensors[i].Dimensions, (uint)_tensors[i].Type, (ulong)offsets[i]);
        }

        writer.PadTo(Alignment);
        var dataSize = DataSize ?? (_tensors.Count == 0 ? 0 : Enumerable.Range(0, _tensors.Count).Max(i => offsets[i] + sizes[i]));
        var data = new byte[dataSize + TrailingBytes];
        new Random(42).NextBytes(data);
        return writer.Bytes(data).ToArray();
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
