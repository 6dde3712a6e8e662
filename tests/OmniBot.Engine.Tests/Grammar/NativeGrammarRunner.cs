using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Runtime;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// Runs texts through llama.cpp's own grammar sampler: the text is tokenized with the tiny Qwen2
/// test model's byte-level BPE vocabulary (whose pieces rebuild any text exactly), each token is
/// offered to the sampler alone and must survive it, and at the end the end-of-sequence token
/// must be allowed. That is llama.cpp's verdict on whether the grammar accepts the text.
/// </summary>
public sealed unsafe class NativeGrammarRunner : IDisposable
{
    private readonly SafeLlamaModelHandle _model;
    private readonly nint _vocabulary;
    private readonly int _endOfSequence;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint> _initGrammar;
    private readonly delegate* unmanaged[Cdecl]<nint, TokenDataArray*, void> _apply;
    private readonly delegate* unmanaged[Cdecl]<nint, int, void> _accept;
    private readonly delegate* unmanaged[Cdecl]<nint, void> _free;

    public NativeGrammarRunner()
    {
        LlamaRuntime.EnsureInitialized();
        var parameters = LLamaModelParams.Default();
        parameters.vocab_only = true;
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.F32);
        _model = SafeLlamaModelHandle.LoadFromFile(path, parameters);
        _endOfSequence = (int)(_model.Vocab.EOS ?? throw new InvalidOperationException("The test model has no end-of-sequence token."));

        var library = NativeLibrary.Load("llama", typeof(NativeApi).Assembly, null);
        var getVocabulary = (delegate* unmanaged[Cdecl]<nint, nint>)NativeLibrary.GetExport(library, "llama_model_get_vocab");
        _initGrammar = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)NativeLibrary.GetExport(library, "llama_sampler_init_grammar");
        _apply = (delegate* unmanaged[Cdecl]<nint, TokenDataArray*, void>)NativeLibrary.GetExport(library, "llama_sampler_apply");
        _accept = (delegate* unmanaged[Cdecl]<nint, int, void>)NativeLibrary.GetExport(library, "llama_sampler_accept");
        _free = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(library, "llama_sampler_free");
        _vocabulary = getVocabulary(_model.DangerousGetHandle());
    }

    public bool Accepts(Gbnf grammar, string text)
    {
        var tokens = _model.Tokenize(text, false, false, Encoding.UTF8);
        var rebuilt = Detokenize(tokens);
        if (rebuilt != text)
        {
            throw new InvalidOperationException($"The test vocabulary cannot rebuild {text} from its tokens (got {rebuilt}).");
        }

        var grammarBytes = Encoding.UTF8.GetBytes(grammar.Text + "\0");
        var rootBytes = Encoding.UTF8.GetBytes(grammar.RootRule + "\0");
        nint sampler;
        fixed (byte* grammarPointer = grammarBytes)
        fixed (byte* rootPointer = rootBytes)
        {
            sampler = _initGrammar(_vocabulary, grammarPointer, rootPointer);
        }

        if (sampler == 0)
        {
            throw new InvalidOperationException("llama.cpp rejected the grammar.");
        }

        try
        {
            foreach (var token in tokens)
            {
                // Accepting a token the grammar forbids aborts inside llama.cpp, so ask first.
                if (!Allows(sampler, (int)token))
                {
                    return false;
                }

                _accept(sampler, (int)token);
            }

            return Allows(sampler, _endOfSequence);
        }
        finally
        {
            _free(sampler);
        }
    }

    public void Dispose() => _model.Dispose();

    // Pieces are joined as bytes: a token may hold only part of a character's UTF-8 encoding.
    private string Detokenize(LLamaToken[] tokens)
    {
        var bytes = new List<byte>();
        Span<byte> buffer = stackalloc byte[256];
        foreach (var token in tokens)
        {
            var length = NativeApi.llama_token_to_piece(_model.Vocab, token, buffer, 0, false);
            bytes.AddRange(buffer[..length]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private bool Allows(nint sampler, int token)
    {
        var data = new TokenData { Id = token, Logit = 0, P = 0 };
        var array = new TokenDataArray { Data = &data, Size = 1, Selected = -1, Sorted = 0 };
        _apply(sampler, &array);
        return !float.IsNegativeInfinity(data.Logit);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TokenData
    {
        public int Id;
        public float Logit;
        public float P;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TokenDataArray
    {
        public TokenData* Data;
        public nuint Size;
        public long Selected;
        public byte Sorted;
    }
}
