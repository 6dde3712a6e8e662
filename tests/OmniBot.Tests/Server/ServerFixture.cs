namespace OmniBot.Tests.Server;

/// <summary>One default <see cref="OmniBotTestServer"/> shared by the tests of a class (<c>IClassFixture&lt;ServerFixture&gt;</c>).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private OmniBotTestServer? _server;

    public OmniBotTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await OmniBotTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
