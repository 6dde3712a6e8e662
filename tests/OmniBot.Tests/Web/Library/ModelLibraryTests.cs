using Microsoft.Extensions.DependencyInjection;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.Server.Pulls;
using OmniBot.TestModels;
using OmniBot.Web.Library;

namespace OmniBot.Tests.Web.Library;

public sealed class ModelLibraryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Resume_APullStartedWithASha256_ChecksTheSameDigestAgain()
    {
        using var context = new LibraryComponentContext();
        var library = context.Services.GetRequiredService<ModelLibrary>();
        await using var files = await LoopbackModelServer.StartAsync();
        var url = files.AddFile("/models/model.gguf", await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0)));
        var wrongDigest = new string('0', 64);

        var first = library.StartPull(url.AbsoluteUri, "checked:v1", wrongDigest);
        await first.Completion.WaitAsync(Wait);
        var resumed = library.Resume(first.Snapshot);
        await resumed.Completion.WaitAsync(Wait);

        Assert.Equal(PullState.Failed, first.Snapshot.State);
        Assert.NotSame(first, resumed);
        Assert.Equal(PullState.Failed, resumed.Snapshot.State);
        Assert.Equal(first.Snapshot.Error, resumed.Snapshot.Error);
        Assert.Null(context.Store.Find(ModelRef.Parse("checked:v1")));
    }

    [Fact]
    public void StartPull_BlankSource_SaysWhatToType()
    {
        using var context = new LibraryComponentContext();
        var library = context.Services.GetRequiredService<ModelLibrary>();

        var error = Assert.Throws<ArgumentException>(() => library.StartPull("  ", "", ""));

        Assert.Contains("hf:OWNER/REPO:QUANT", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Pulls.Jobs);
    }

    [Fact]
    public async Task StartPull_ALoopbackUrlWithoutPrivatePulls_IsRefusedAndTheFileServerIsNeverAsked()
    {
        using var context = new LibraryComponentContext(allowPrivatePulls: false);
        var library = context.Services.GetRequiredService<ModelLibrary>();
        await using var files = await LoopbackModelServer.StartAsync();
        var url = files.AddFile("/models/model.gguf", await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0)));

        var error = Assert.Throws<PullRefusedException>(() => library.StartPull(url.AbsoluteUri, "mine:v1"));

        Assert.Contains("--allow-private-pulls", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Pulls.Jobs);
        Assert.Empty(files.Requests);
    }

    [Fact]
    public void StartPull_AFileOnTheServer_IsRefusedAndNothingIsImported()
    {
        using var context = new LibraryComponentContext();
        var library = context.Services.GetRequiredService<ModelLibrary>();
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0);

        var error = Assert.Throws<PullRefusedException>(() => library.StartPull(path, "stolen:v1"));

        Assert.Contains("omnibot import", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Pulls.Jobs);
        Assert.Empty(context.Store.List());
    }

    [Fact]
    public async Task CopyAsync_ToItsOwnName_IsRefused()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var library = context.Services.GetRequiredService<ModelLibrary>();

        var error = await Assert.ThrowsAsync<ModelStoreException>(() => library.CopyAsync(ModelRef.Parse("tiny:v1"), " TINY:v1 "));

        Assert.Contains("is the model itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListInstalled_TagsOfOneName_AreGroupedInOrder()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("zeta:b");
        await context.ImportAsync("zeta:a");
        await context.ImportAsync("alpha:latest", TestArchitecture.Qwen2);
        var library = context.Services.GetRequiredService<ModelLibrary>();

        var groups = library.ListInstalled();

        Assert.Equal(["alpha", "zeta"], groups.Select(group => group.Name));
        Assert.Equal(["zeta:a", "zeta:b"], groups[1].Tags.Select(tag => tag.Ref.ToString()));
        Assert.All(groups.SelectMany(group => group.Tags), tag => Assert.False(tag.Loaded));
    }
}
