namespace OmniBot.Engine.Hardware;

/// <summary>The x86 vector levels that llama.cpp's prebuilt CPU libraries are compiled for.</summary>
public enum CpuSimdLevel
{
    None = 0,
    Avx = 1,
    Avx2 = 2,
    Avx512 = 3,
}
