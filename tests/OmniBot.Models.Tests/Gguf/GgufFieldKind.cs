namespace OmniBot.Models.Tests.Gguf;

/// <summary>What a fuzzed field of a GGUF file holds; the fuzzer spreads its corruptions across the kinds.</summary>
internal enum GgufFieldKind
{
    Version,
    Count,
    Length,
    Type,
    Dimension,
    Offset,
}
