using System.Text;
using LLama.Native;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.TestModels;

/// <summary>A model file loaded through llama.cpp's native loader, with the lookups these tests need.</summary>
internal sealed class NativeTestModel : IDisposable
{
    private NativeTestModel(SafeLlamaModelHandle handle) => Handle = handle;

    public SafeLlamaModelHandle Handle { get; }

    public static NativeTestModel Load(string path)
    {
        LlamaRuntime.EnsureInitialized();
        return new NativeTestModel(SafeLlamaModelHandle.LoadFromFile(path, LLamaModelParams.Default()));
    }

    /// <summary>
    /// Every scalar metadata entry as llama.cpp prints it (llama.cpp keeps no arrays here).
    /// Read by index: <c>MetadataValueByKey</c> misses keys in LLamaSharp 0.30.0.
    /// </summary>
    public IReadOnlyDictionary<string, string> ReadMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Handle.MetadataCount; i++)
        {
            var key = Handle.MetadataKeyByIndex(i) ?? throw new InvalidOperationException($"No metadata key at {i}.");
            var value = Handle.MetadataValueByIndex(i) ?? throw new InvalidOperationException($"No metadata value at {i}.");
            metadata[Encoding.UTF8.GetString(key.Span)] = Encoding.UTF8.GetString(value.Span);
        }

        return metadata;
    }

    public LLamaToken[] Tokenize(string text, bool addBos = false, bool special = false) =>
        Handle.Tokenize(text, addBos, special, Encoding.UTF8);

    /// <summary>Concatenates the tokens' bytes (control tokens rendered as their text) and decodes them as UTF-8.</summary>
    public string Detokenize(IEnumerable<LLamaToken> tokens)
    {
        var bytes = new List<byte>();
        var buffer = new byte[256];
        foreach (var token in tokens)
        {
            var length = (int)Handle.TokenToSpan(token, buffer, 0, true);
            bytes.AddRange(buffer.AsSpan(0, length));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    public void Dispose() => Handle.Dispose();
}
