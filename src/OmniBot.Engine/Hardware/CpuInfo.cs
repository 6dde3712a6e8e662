namespace OmniBot.Engine.Hardware;

/// <summary>What the processor is and which vector instructions it offers.</summary>
/// <param name="Model">Marketing name, e.g. "AMD EPYC 7763 64-Core Processor".</param>
/// <param name="Architecture">Process architecture: "X64", "Arm64", ...</param>
/// <param name="LogicalCores">Logical processors available to this process.</param>
/// <param name="PhysicalCores">Physical cores when the OS tells, otherwise null.</param>
/// <param name="SimdFeatures">Instruction set extensions, e.g. "AVX2", "FMA", "NEON".</param>
/// <param name="SimdLevel">The best llama.cpp CPU build level this processor can run.</param>
public sealed record CpuInfo(
    string Model,
    string Architecture,
    int LogicalCores,
    int? PhysicalCores,
    IReadOnlyList<string> SimdFeatures,
    CpuSimdLevel SimdLevel);
