using System.CommandLine;
using OmniBot.Engine.Inference;

namespace OmniBot.Cli;

/// <summary><c>--kv-cache-type f16|f32</c>, shared by <c>run</c> and <c>serve</c>.</summary>
internal static class KvCacheTypeOption
{
    public static Option<KvCacheType> Create() => new("--kv-cache-type")
    {
        Description = "KV cache format: f16 (default, half the memory) or f32 (attention in full precision; with an F32 or F16 model, speculative text stays closest to plain).",
        DefaultValueFactory = _ => KvCacheType.F16,
    };
}
