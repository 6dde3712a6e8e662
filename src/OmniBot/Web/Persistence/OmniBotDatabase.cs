using Microsoft.Data.Sqlite;

namespace OmniBot.Web.Persistence;

/// <summary>
/// The app's SQLite database (<c>&lt;data folder&gt;/omnibot.db</c>, write-ahead log): conversations, messages, backends
/// and settings. The schema is brought up to date before the first connection is handed out.
/// </summary>
public sealed class OmniBotDatabase : IDisposable
{
    public const string FileName = "omnibot.db";

    private readonly string _connectionString;
    private readonly Lazy<Task> _migration;

    public OmniBotDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _migration = new Lazy<Task>(MigrateAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The database in <paramref name="dataDirectory"/>.</summary>
    public static OmniBotDatabase InDirectory(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, FileName));

    /// <summary>Creates or upgrades the schema (once; later calls return the first call's outcome).</summary>
    /// <exception cref="DatabaseVersionException">The file was written by a newer OmniBot.</exception>
    public Task EnsureCreatedAsync() => _migration.Value;

    /// <summary>An open connection with foreign keys on; dispose it when done (it returns to the pool).</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync().WaitAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    /// <summary>Closes the pooled file handles so that the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task MigrateAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // SQLite gives the -wal and -shm files the main file's permissions, so an owner-only file keeps all three private.
        OwnerOnlyFiles.CreateFile(Path);
        OwnerOnlyFiles.Restrict(Path + "-wal");
        OwnerOnlyFiles.Restrict(Path + "-shm");
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using (var wal = connection.CreateCommand())
        {
            // The journal mode is stored in the file: readers no longer block the writer that saves a streaming reply.
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync();
        }

        await SchemaMigrator.MigrateAsync(connection, SchemaMigrations.All);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
