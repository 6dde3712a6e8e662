using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Sampling;

/// <summary>
/// llama.cpp's lazy grammar sampler (free until a trigger token, then the grammar holds), bound straight from the
/// loaded llama library: LLamaSharp's wrapper for it crashes the process with this llama.cpp build.
/// </summary>
internal static unsafe class LazyGrammarSampler
{
    private static readonly Lock Gate = new();
    private static delegate* unmanaged[Cdecl]<IntPtr, IntPtr> _modelGetVocab;
    private static delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte**, nuint, int*, nuint, IntPtr> _initLazyPatterns;
    private static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> _chainAdd;

    /// <summary>Adds to <paramref name="chain"/> a grammar that holds from the first of <paramref name="triggerTokens"/> on.</summary>
    /// <exception cref="LlamaEngineException">The llama library lacks the entry points, or llama.cpp refused the grammar.</exception>
    public static void Add(SafeLLamaSamplerChainHandle chain, SafeLlamaModelHandle model, string grammar, string root, IReadOnlyList<int> triggerTokens)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(model);
        if (triggerTokens.Count == 0)
        {
            throw new ArgumentException("A lazy grammar needs at least one trigger token.", nameof(triggerTokens));
        }

        Bind();
        var grammarBytes = Utf8(grammar);
        var rootBytes = Utf8(root);
        var tokens = triggerTokens.ToArray();
        byte* noPattern = null;
        fixed (byte* grammarPointer = grammarBytes)
        fixed (byte* rootPointer = rootBytes)
        fixed (int* tokenPointer = tokens)
        {
            var vocab = _modelGetVocab(model.DangerousGetHandle());
            var sampler = _initLazyPatterns(vocab, grammarPointer, rootPointer, &noPattern, 0, tokenPointer, (nuint)tokens.Length);
            if (sampler == IntPtr.Zero)
            {
                throw new LlamaEngineException("llama.cpp refused the lazy grammar; see its log for the grammar error.");
            }

            // The chain owns the sampler from here and frees it with itself.
            _chainAdd(chain.DangerousGetHandle(), sampler);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    private static void Bind()
    {
        lock (Gate)
        {
            if (_chainAdd != null)
            {
                return;
            }

            var path = LlamaRuntime.EnsureInitialized().LibraryPath;
            if (path is null || !NativeLibrary.TryLoad(path, out var library)
                || !NativeLibrary.TryGetExport(library, "llama_model_get_vocab", out var getVocab)
                || !NativeLibrary.TryGetExport(library, "llama_sampler_init_grammar_lazy_patterns", out var initLazy)
                || !NativeLibrary.TryGetExport(library, "llama_sampler_chain_add", out var chainAdd))
            {
                throw new LlamaEngineException($"The llama library '{path}' has no lazy-grammar entry points; use a llama.cpp build from 2025 or later.");
            }

            _modelGetVocab = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)getVocab;
            _initLazyPatterns = (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte**, nuint, int*, nuint, IntPtr>)initLazy;
            _chainAdd = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)chainAdd;
        }
    }
}
