using OmniBot.Api.Ollama.Streaming;
using OmniBot.Engine.Hosting;

namespace OmniBot.Api.Ollama.Requests;

/// <summary>
/// Ollama's answer to a chat without messages or a generate without a prompt: load the model and keep it for
/// <c>keep_alive</c> ("load"), or with <c>keep_alive</c> 0 unload it ("unload").
/// </summary>
internal static class OllamaPreload
{
    public const string Loaded = "load";
    public const string Unloaded = "unload";

    /// <returns>The done_reason to answer.</returns>
    public static async Task<string> RunAsync(ModelHost host, ModelSpec spec, TimeSpan? keepAlive, OllamaRequestClock clock, CancellationToken cancellationToken)
    {
        if (keepAlive == TimeSpan.Zero)
        {
            host.Unload(spec.Id);
            clock.ModelReady();
            return Unloaded;
        }

        var lease = await host.AcquireAsync(spec, keepAlive, cancellationToken).ConfigureAwait(false);
        await lease.DisposeAsync().ConfigureAwait(false);
        clock.ModelReady();
        return Loaded;
    }
}
