using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OmniBot.Web.Persistence;

/// <summary>
/// Brings a database to the newest schema: records each applied step in <c>schema_migrations</c>, runs the missing
/// ones in order, and refuses a database from a newer OmniBot instead of guessing at a schema it does not know.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Applies the steps of <paramref name="migrations"/> the database lacks, up to <paramref name="targetVersion"/> (all when null).</summary>
    /// <returns>The schema version afterwards.</returns>
    /// <exception cref="DatabaseVersionException">The database has a version newer than any of <paramref name="migrations"/>.</exception>
    public static async Task<int> MigrateAsync(
        SqliteConnection connection,
        IReadOnlyList<SchemaMigration> migrations,
        int? targetVersion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """, cancellationToken);

        var current = await CurrentVersionAsync(connection, cancellationToken);
        var known = migrations.Count == 0 ? 0 : migrations.Max(migration => migration.Version);
        if (current > known)
        {
            throw new DatabaseVersionException(connection.DataSource, current, known);
        }

        foreach (var migration in migrations.OrderBy(migration => migration.Version))
        {
            if (migration.Version <= current || migration.Version > (targetVersion ?? int.MaxValue))
            {
                continue;
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($version, $description, $appliedAt)";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            current = migration.Version;
        }

        return current;
    }

    /// <summary>The highest applied step; 0 for a new database.</summary>
    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
