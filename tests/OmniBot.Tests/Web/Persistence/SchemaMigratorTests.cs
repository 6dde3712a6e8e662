using Microsoft.Data.Sqlite;
using OmniBot.Web.Backends;
using OmniBot.Web.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Persistence;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task EnsureCreated_EmptyFolder_CreatesLatestSchemaInWalModeWithBuiltInDefaultBackend()
    {
        using var test = new TestDatabase();

        await test.Database.EnsureCreatedAsync();

        await using var connection = await test.Database.OpenConnectionAsync();
        Assert.Equal(SchemaMigrations.LatestVersion, await SchemaMigrator.CurrentVersionAsync(connection));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        var backend = Assert.Single(await test.Backends.ListAsync());
        Assert.Equal((BackendRecord.BuiltInId, BackendKind.LlamaCpp, true), (backend.Id, backend.Kind, backend.IsDefault));
        Assert.True(File.Exists(Path.Combine(test.Directory, OmniBotDatabase.FileName)));
    }

    [Fact]
    public async Task EnsureCreated_VersionOneDatabase_UpgradesAndKeepsItsData()
    {
        using var test = new TestDatabase();
        await using (var old = new SqliteConnection($"Data Source={test.FilePath}"))
        {
            await old.OpenAsync();
            Assert.Equal(1, await SchemaMigrator.MigrateAsync(old, SchemaMigrations.All, targetVersion: 1));
            await ExecuteAsync(old, """
                INSERT INTO conversations (id, title, created_at, updated_at, backend_id, model, settings_json)
                VALUES ('c1', 'Written by version 1', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z', 'b-old', 'm', '{"temperature":0.5}');
                INSERT INTO backends (id, kind, name, url, api_key, is_default, created_at)
                VALUES ('b-old', 'ollama', 'Old Ollama', 'http://127.0.0.1:11434', NULL, 1, '2025-01-01T00:00:00.0000000Z');
                """);
            SqliteConnection.ClearPool(old);
        }

        await test.Database.EnsureCreatedAsync();

        await using var connection = await test.Database.OpenConnectionAsync();
        Assert.Equal(SchemaMigrations.LatestVersion, await SchemaMigrator.CurrentVersionAsync(connection));
        var conversation = await test.Conversations.GetAsync("c1");
        Assert.NotNull(conversation);
        Assert.Equal(("Written by version 1", 0.5f), (conversation.Title, conversation.Settings.Temperature));
        var backends = await test.Backends.ListAsync();
        Assert.Equal([BackendRecord.BuiltInId, "b-old"], backends.Select(backend => backend.Id));
        Assert.Equal("b-old", Assert.Single(backends, backend => backend.IsDefault).Id);
    }

    [Fact]
    public async Task EnsureCreated_DatabaseFromANewerVersion_IsRefusedWithAMessageNamingTheFix()
    {
        using var test = new TestDatabase();
        await test.Database.EnsureCreatedAsync();
        await using (var connection = await test.Database.OpenConnectionAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'from the future', '2030-01-01')");
        }

        using var reopened = new OmniBotDatabase(test.FilePath);
        var refused = await Assert.ThrowsAsync<DatabaseVersionException>(reopened.EnsureCreatedAsync);

        Assert.Equal((99, SchemaMigrations.LatestVersion), (refused.FoundVersion, refused.KnownVersion));
        Assert.Contains("newer OmniBot", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade OmniBot", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DatabaseVersionException>(() => new ConversationRepository(reopened).ListAsync());
    }

    [Fact]
    public async Task Migrate_TwiceOnTheSameDatabase_AppliesEachStepOnce()
    {
        using var test = new TestDatabase();
        await test.Database.EnsureCreatedAsync();
        await test.Conversations.CreateAsync(new ConversationRecord("c1", "kept", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "llama.cpp", null, new ConversationSettings()));

        await using var connection = await test.Database.OpenConnectionAsync();
        await SchemaMigrator.MigrateAsync(connection, SchemaMigrations.All);

        Assert.Equal(SchemaMigrations.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_migrations"));
        Assert.Single(await test.Conversations.ListAsync());
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
