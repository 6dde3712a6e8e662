using Microsoft.Extensions.Hosting;

namespace OmniBot.Web.Persistence;

/// <summary>Creates or upgrades the database when the server starts, so that a database from a newer OmniBot stops the start with its message.</summary>
public sealed class DatabaseInitializer(OmniBotDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureCreatedAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
