using Microsoft.Extensions.Logging;
using OmniBot.Server;
using OmniBot.Tests.Server;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Persistence;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task Serve_DatabaseFromANewerOmniBot_RefusesToStartWithTheDatabasesMessage()
    {
        using var test = new TestDatabase();
        await test.Database.EnsureCreatedAsync();
        await using (var connection = await test.Database.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES (1000, 'future', '2030-01-01')";
            await command.ExecuteNonQueryAsync();
        }

        await using var app = OmniBotServer.Build(OmniBotTestServer.DefaultOptions(test.Directory), builder => builder.Logging.ClearProviders());
        var refused = await Assert.ThrowsAsync<DatabaseVersionException>(() => app.StartAsync());

        Assert.Contains(test.FilePath, refused.Message, StringComparison.Ordinal);
        Assert.Equal(1000, refused.FoundVersion);
    }

    [Fact]
    public async Task Serve_EmptyDataFolder_CreatesTheDatabaseAtStart()
    {
        var home = Directory.CreateTempSubdirectory("omnibot-home-").FullName;
        try
        {
            await using (var server = await OmniBotTestServer.StartAsync(home: home))
            {
                Assert.True(File.Exists(Path.Combine(home, OmniBotDatabase.FileName)));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
