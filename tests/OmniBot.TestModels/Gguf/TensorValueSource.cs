namespace OmniBot.TestModels.Gguf;

/// <summary>
/// Fills <paramref name="destination"/> with the tensor's values starting at element
/// <paramref name="offset"/> (row-major, innermost dimension first). The writer asks for the values in
/// order, chunk by chunk, so a tensor far larger than memory can be streamed.
/// </summary>
public delegate void TensorValueSource(Span<float> destination, long offset);
