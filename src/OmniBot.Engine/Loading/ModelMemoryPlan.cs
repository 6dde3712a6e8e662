namespace OmniBot.Engine.Loading;

/// <summary>Where a model's memory will go: layers offloaded, and the estimated bytes in RAM and VRAM.</summary>
public sealed record ModelMemoryPlan(int GpuLayerCount, long RamBytes, long GpuBytes);
