using LLama.Native;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Owns the process-wide native library selection. llama.cpp can be configured only once per
/// process, and LLamaSharp's parameter defaults fail when they are the first native call, so every
/// engine entry point calls <see cref="EnsureInitialized"/> first.
/// </summary>
public static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            NativeApi.llama_empty_call();
            _initialized = true;
        }
    }
}
