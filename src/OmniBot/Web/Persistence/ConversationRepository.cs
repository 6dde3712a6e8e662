using Microsoft.Data.Sqlite;
using OmniBot.Web.Chat;

namespace OmniBot.Web.Persistence;

/// <summary>Saved conversations: create, find, list newest first (optionally matching a search), rename, update, delete.</summary>
public sealed class ConversationRepository(OmniBotDatabase database)
{
    private const string Columns = "id, title, created_at, updated_at, backend_id, model, settings_json";

    public async Task CreateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO conversations ({Columns}) VALUES ($id, $title, $createdAt, $updatedAt, $backendId, $model, $settings)";
        Bind(command, conversation);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Conversations, most recently updated first; with <paramref name="search"/>, those whose title or any message
    /// contains it (case-insensitive for ASCII letters).
    /// </summary>
    public async Task<IReadOnlyList<ConversationRecord>> ListAsync(string? search = null, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filter = string.IsNullOrWhiteSpace(search)
            ? ""
            : """
              WHERE title LIKE $pattern ESCAPE '\'
                 OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id AND m.content LIKE $pattern ESCAPE '\')
              """;
        command.CommandText = $"SELECT {Columns} FROM conversations {filter} ORDER BY updated_at DESC, id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        if (!string.IsNullOrWhiteSpace(search))
        {
            command.Parameters.AddWithValue("$pattern", "%" + EscapeLike(search.Trim()) + "%");
        }

        var list = new List<ConversationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Saves the title, backend, model, settings and update time of an existing conversation.</summary>
    /// <returns>Whether the conversation exists.</returns>
    public async Task<bool> UpdateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE conversations
            SET title = $title, updated_at = $updatedAt, backend_id = $backendId, model = $model, settings_json = $settings
            WHERE id = $id
            """;
        Bind(command, conversation);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes a conversation and its messages.</summary>
    /// <returns>Whether it existed.</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static void Bind(SqliteCommand command, ConversationRecord conversation)
    {
        command.Parameters.AddWithValue("$id", conversation.Id);
        command.Parameters.AddWithValue("$title", conversation.Title);
        command.Parameters.AddWithValue("$createdAt", SqliteValues.Time(conversation.CreatedAt));
        command.Parameters.AddWithValue("$updatedAt", SqliteValues.Time(conversation.UpdatedAt));
        command.Parameters.AddWithValue("$backendId", conversation.BackendId);
        command.Parameters.AddWithValue("$model", SqliteValues.Nullable(conversation.Model));
        command.Parameters.AddWithValue("$settings", PersistenceJson.Write(conversation.Settings));
    }

    private static ConversationRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        SqliteValues.Time(reader.GetString(2)),
        SqliteValues.Time(reader.GetString(3)),
        reader.GetString(4),
        SqliteValues.String(reader, 5),
        PersistenceJson.Read<ConversationSettings>(reader.GetString(6)) ?? new ConversationSettings());

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
