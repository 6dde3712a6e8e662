using OmniBot.Engine.Embeddings;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Embeddings;

public sealed class EmbeddingModelTraitsTests
{
    [Fact]
    public async Task IsEncoderOnly_BertModels_AreEncodedAndDecodersDecoded()
    {
        Assert.True(EmbeddingModelTraits.IsEncoderOnly(await EmbeddingTestModels.MiniLmAsync()));
        Assert.True(EmbeddingModelTraits.IsEncoderOnly(await EmbeddingTestModels.TinyRerankerAsync()));
        Assert.False(EmbeddingModelTraits.IsEncoderOnly(await EmbeddingTestModels.TinyDecoderAsync(TestArchitecture.Qwen2)));
    }

    [Fact]
    public async Task NativeEncoderFlag_Bert_IsNotReportedByLlamaCpp()
    {
        // Why IsEncoderOnly also reads <arch>.attention.causal: llama.cpp reports no encoder for BERT.
        var model = await EmbeddingTestModels.MiniLmAsync();

        Assert.False(model.Handle.HasEncoder && !model.Handle.HasDecoder);
    }
}
