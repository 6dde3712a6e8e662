namespace OmniBot.Models.Gguf;

/// <summary>How much of a model is stored in one tensor type: the quantization mix of a file.</summary>
public sealed record GgufTensorTypeSummary(GgmlType Type, int TensorCount, long ElementCount, long ByteSize);
