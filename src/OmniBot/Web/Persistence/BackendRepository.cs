using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace OmniBot.Web.Persistence;

/// <summary>
/// Saved backends; exactly one is the default once the schema is created (the built-in one at first). API keys
/// are encrypted with ASP.NET Data Protection (its keys live in ~/.omnibot/keys), so the database file alone,
/// copied or backed up, does not give them away.
/// </summary>
public sealed class BackendRepository(OmniBotDatabase database, TimeProvider timeProvider, IDataProtectionProvider dataProtection)
{
    private const string Columns = "id, kind, name, url, api_key, is_default";

    /// <summary>Marks an encrypted key; keys saved before encryption are plain text and still read.</summary>
    private const string ProtectedPrefix = "protected:";

    private readonly IDataProtector _apiKeys = dataProtection.CreateProtector("OmniBot.Backends.ApiKey");

    /// <summary>The backends, the built-in one first, then in the order they were added.</summary>
    public async Task<IReadOnlyList<BackendRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM backends ORDER BY id <> $builtIn, created_at, id";
        command.Parameters.AddWithValue("$builtIn", BackendRecord.BuiltInId);
        var list = new List<BackendRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<BackendRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM backends WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Adds a backend (not as the default; see <see cref="SetDefaultAsync"/>).</summary>
    public async Task AddAsync(BackendRecord backend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO backends ({Columns}, created_at) VALUES ($id, $kind, $name, $url, $apiKey, 0, $createdAt)";
        command.Parameters.AddWithValue("$id", backend.Id);
        command.Parameters.AddWithValue("$kind", SqliteValues.Kind(backend.Kind));
        command.Parameters.AddWithValue("$name", backend.Name);
        command.Parameters.AddWithValue("$url", SqliteValues.Nullable(backend.Url));
        command.Parameters.AddWithValue("$apiKey", SqliteValues.Nullable(backend.ApiKey is { Length: > 0 } key ? ProtectedPrefix + _apiKeys.Protect(key) : backend.ApiKey));
        command.Parameters.AddWithValue("$createdAt", SqliteValues.Time(timeProvider.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes a backend; when it was the default, the built-in backend becomes the default.</summary>
    /// <returns>Whether it existed.</returns>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var removed = await ExecuteAsync(connection, transaction, "DELETE FROM backends WHERE id = $id", id, cancellationToken) > 0;
        await ExecuteAsync(
            connection,
            transaction,
            "UPDATE backends SET is_default = 1 WHERE id = $id AND NOT EXISTS (SELECT 1 FROM backends WHERE is_default = 1)",
            BackendRecord.BuiltInId,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Makes <paramref name="id"/> the one default backend.</summary>
    /// <returns>Whether it exists (nothing changes when it does not).</returns>
    public async Task<bool> SetDefaultAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var exists = await ExecuteAsync(connection, transaction, "UPDATE backends SET is_default = 1 WHERE id = $id", id, cancellationToken) > 0;
        if (exists)
        {
            await ExecuteAsync(connection, transaction, "UPDATE backends SET is_default = 0 WHERE id <> $id", id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return exists;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private BackendRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        SqliteValues.Kind(reader.GetString(1)),
        reader.GetString(2),
        SqliteValues.String(reader, 3),
        ApiKey(SqliteValues.String(reader, 4)),
        reader.GetInt64(5) != 0);

    /// <summary>The key as entered; null when it was encrypted with Data Protection keys that are gone (enter it again).</summary>
    private string? ApiKey(string? stored)
    {
        if (stored is null || !stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            return _apiKeys.Unprotect(stored[ProtectedPrefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
