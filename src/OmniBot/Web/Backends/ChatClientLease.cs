using Microsoft.Extensions.AI;

namespace OmniBot.Web.Backends;

/// <summary>A chat client for one reply; disposing it releases what backs it (a leased in-process model, an HTTP client).</summary>
public sealed class ChatClientLease(IChatClient client, Func<ValueTask> release) : IAsyncDisposable
{
    private int _released;

    public IChatClient Client => client;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await release();
        }
    }
}
