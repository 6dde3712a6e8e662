using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Engine.Hosting;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Server;
using OmniBot.Server.Pulls;
using OmniBot.Tests.Server;
using OmniBot.TestModels;
using OmniBot.Web;

namespace OmniBot.Tests.Web.Library;

/// <summary>
/// bUnit with the real services behind the library and hardware pages: a model store in a temp folder,
/// a model host (nothing loaded), the pull service and the pages' own services. Deleted when disposed.
/// </summary>
internal sealed class LibraryComponentContext : BunitContext
{
    private readonly ModelHost _host;

    /// <param name="huggingFace">Where requests for huggingface.co go instead (a loopback server), for catalog pulls.</param>
    /// <param name="allowPrivatePulls">
    /// As <c>serve --allow-private-pulls</c>: the loopback file servers these pages pull from count as a mirror of one's own.
    /// </param>
    public LibraryComponentContext(TimeProvider? time = null, Uri? huggingFace = null, bool allowPrivatePulls = true)
    {
        Home = Directory.CreateTempSubdirectory("omnibot-ui-").FullName;
        Options = OmniBotTestServer.DefaultOptions(Home) with { Pulls = new PullOptions { AllowPrivateAddresses = allowPrivatePulls } };
        Store = new ModelStore(Options.ModelsDirectory!);
        _host = new ModelHost(Options.Models);
        Services.AddLogging();
        var pullClient = Services.AddModelPulls();
        if (huggingFace is not null)
        {
            pullClient.AddHttpMessageHandler(() => new HostRedirectHandler(HuggingFaceOptions.DefaultEndpoint, huggingFace));
        }

        Services.AddSingleton(time ?? TimeProvider.System);
        Services.AddSingleton(Options);
        Services.AddSingleton(Store);
        Services.AddSingleton(_host);
        Services.AddModelPages();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public string Home { get; }

    public ServerOptions Options { get; }

    public ModelStore Store { get; }

    public ModelHost Host => _host;

    public ModelPullService Pulls => Services.GetRequiredService<ModelPullService>();

    public Task<ModelManifest> ImportAsync(string name, TestArchitecture architecture = TestArchitecture.Llama) =>
        Store.ImportAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), TestQuantization.Q8_0), ModelRef.Parse(name));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(Home, recursive: true);
        }
    }
}
