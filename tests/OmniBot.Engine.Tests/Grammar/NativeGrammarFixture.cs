using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// Asks llama.cpp itself whether it accepts a grammar. LLamaSharp's AddGrammar adds a null sampler
/// when llama.cpp rejects the text (it only logs), so this calls llama_sampler_init_grammar
/// directly and looks at the pointer it returns. The vocabulary comes from the real MiniLM model,
/// loaded without weights.
/// </summary>
public sealed unsafe class NativeGrammarFixture : IDisposable
{
    public static string VocabularyModelPath => OmniBot.TestModels.SharedData.MiniLmModelPath;

    private readonly SafeLlamaModelHandle _model;
    private readonly nint _vocabulary;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> _initGrammar;
    private readonly delegate* unmanaged[Cdecl]<nint, void> _freeSampler;

    public NativeGrammarFixture()
    {
        LlamaRuntime.EnsureInitialized();
        var parameters = LLamaModelParams.Default();
        parameters.vocab_only = true;
        _model = SafeLlamaModelHandle.LoadFromFile(VocabularyModelPath, parameters);

        // Resolves through LLamaSharp's own import resolver, so this is the library it loaded.
        var library = NativeLibrary.Load("llama", typeof(NativeApi).Assembly, null);
        var getVocabulary = (delegate* unmanaged[Cdecl]<nint, nint>)NativeLibrary.GetExport(library, "llama_model_get_vocab");
        _initGrammar = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)NativeLibrary.GetExport(library, "llama_sampler_init_grammar");
        _freeSampler = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(library, "llama_sampler_free");
        _vocabulary = getVocabulary(_model.DangerousGetHandle());
    }

    public bool Accepts(string grammarText, string rootRule = GbnfGrammar.DefaultRootRule)
    {
        var grammar = Encoding.UTF8.GetBytes(grammarText + "\0");
        var root = Encoding.UTF8.GetBytes(rootRule + "\0");
        fixed (byte* grammarPointer = grammar)
        fixed (byte* rootPointer = root)
        {
            var sampler = _initGrammar(_vocabulary, grammarPointer, rootPointer);
            if (sampler == 0)
            {
                return false;
            }

            _freeSampler(sampler);
            return true;
        }
    }

    public bool Accepts(Gbnf grammar) => Accepts(grammar.Text, grammar.RootRule);

    public void Dispose() => _model.Dispose();
}
