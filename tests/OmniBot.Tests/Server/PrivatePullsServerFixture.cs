using OmniBot.Server;

namespace OmniBot.Tests.Server;

/// <summary>
/// A default <see cref="OmniBotTestServer"/> started as <c>serve --allow-private-pulls</c>, shared by the tests of a
/// class that pull from a loopback file server (a mirror of one's own, as far as the server can tell).
/// </summary>
public sealed class PrivatePullsServerFixture : IAsyncLifetime
{
    private OmniBotTestServer? _server;

    public OmniBotTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>What <c>--allow-private-pulls</c> changes in the options.</summary>
    public static ServerOptions AllowPrivatePulls(ServerOptions options) => options with { Pulls = options.Pulls with { AllowPrivateAddresses = true } };

    public async Task InitializeAsync() => _server = await OmniBotTestServer.StartAsync(AllowPrivatePulls);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
