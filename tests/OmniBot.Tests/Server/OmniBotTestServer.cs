using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Models.Store;
using OmniBot.Server;
using OmniBot.TestModels;
using OmniBot.TestModels.Bert;

namespace OmniBot.Tests.Server;

/// <summary>
/// A real <c>omnibot serve</c> on 127.0.0.1 with a free port, over a fresh store holding the synthetic models:
/// <c>tiny-llama</c> and <c>tiny-qwen</c> (chat, Q8_0 so greedy output is identical across paths), <c>tiny-embed</c>
/// (BERT embedder) and <c>tiny-rerank</c> (BERT reranker). Disposing stops the server and deletes the store.
/// </summary>
public sealed class OmniBotTestServer : IAsyncDisposable
{
    public const string Llama = "tiny-llama";
    public const string Qwen = "tiny-qwen";
    public const string Embedder = "tiny-embed";
    public const string Reranker = "tiny-rerank";

    private readonly bool _ownsHome;

    private OmniBotTestServer(string home, WebApplication app, bool ownsHome)
    {
        Home = home;
        _ownsHome = ownsHome;
        App = app;
        BaseAddress = OmniBotServer.BaseAddress(app);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The app's data folder (<c>OMNIBOT_HOME</c>); the store is its <c>models</c> folder.</summary>
    public string Home { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client with <see cref="BaseAddress"/>; send your own headers per request.</summary>
    public HttpClient Client { get; }

    public ModelHost Models => App.Services.GetRequiredService<ModelHost>();

    public ModelStore Store => App.Services.GetRequiredService<ModelStore>();

    /// <summary>Options the tests start from: two slots of 512 tokens, two threads, models kept loaded.</summary>
    public static ServerOptions DefaultOptions(string home) => new()
    {
        Port = 0,
        ModelsDirectory = Path.Combine(home, "models"),
        DataDirectory = home,
        Models = new ModelHostOptions
        {
            KeepAlive = Timeout.InfiniteTimeSpan,
            MaxLoadedModels = 4,
            Load = new ModelLoadOptions { Threads = 2 },
            Scheduler = new SchedulerOptions { Slots = 2, ContextSize = 512, Threads = 2, QueueCapacity = 8 },
        },
    };

    /// <summary>Starts a server; <paramref name="configure"/> adjusts the options (API key, limits, keep-alive).</summary>
    /// <param name="home">
    /// An existing data folder to use (a restart: its database and models are kept); the caller owns it and deletes it.
    /// Null makes a fresh folder that disposing deletes.
    /// </param>
    public static async Task<OmniBotTestServer> StartAsync(
        Func<ServerOptions, ServerOptions>? configure = null,
        Action<WebApplicationBuilder>? configureBuilder = null,
        string? home = null)
    {
        var ownsHome = home is null;
        home ??= Path.Combine(Path.GetTempPath(), "omnibot-server-" + Guid.NewGuid().ToString("N"));
        var options = DefaultOptions(home);
        options = configure?.Invoke(options) ?? options;
        var store = new ModelStore(options.ModelsDirectory!);
        await ImportOnceAsync(store, TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0), Llama);
        await ImportOnceAsync(store, TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0), Qwen);
        await ImportOnceAsync(store, BertTestModelFiles.GetPath(BertTestModelSpec.TinyEmbedder), Embedder);
        await ImportOnceAsync(store, BertTestModelFiles.GetPath(BertTestModelSpec.TinyReranker), Reranker);

        var app = OmniBotServer.Build(options, builder =>
        {
            builder.Logging.ClearProviders();
            configureBuilder?.Invoke(builder);
        });
        await app.StartAsync();
        return new OmniBotTestServer(home, app, ownsHome);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (!_ownsHome)
        {
            return;
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on another thread; the temp folder is cleaned by the OS eventually.
        }
    }

    private static async Task ImportOnceAsync(ModelStore store, string path, string name)
    {
        if (store.Find(ModelRef.Parse(name)) is null)
        {
            await store.ImportAsync(path, ModelRef.Parse(name));
        }
    }
}
