using Microsoft.Data.Sqlite;

namespace OmniBot.Web.Persistence;

/// <summary>The messages of saved conversations, in order.</summary>
public sealed class MessageRepository(OmniBotDatabase database)
{
    private const string Columns = "id, conversation_id, position, role, content, reasoning, tool_calls_json, stats_json, model, state, error, created_at";

    public async Task<IReadOnlyList<MessageRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM messages WHERE conversation_id = $conversationId ORDER BY position";
        command.Parameters.AddWithValue("$conversationId", conversationId);
        var list = new List<MessageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Appends a message after the conversation's last one and bumps the conversation's update time.</summary>
    /// <returns>The message with its id and position.</returns>
    public async Task<MessageRecord> AppendAsync(MessageRecord message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO messages ({Columns})
            VALUES (NULL, $conversationId,
                    (SELECT COALESCE(MAX(position) + 1, 0) FROM messages WHERE conversation_id = $conversationId),
                    $role, $content, $reasoning, $toolCalls, $stats, $model, $state, $error, $createdAt)
            RETURNING id, position;
            """;
        Bind(command, message);
        command.Parameters.AddWithValue("$conversationId", message.ConversationId);
        command.Parameters.AddWithValue("$role", SqliteValues.Role(message.Role));
        command.Parameters.AddWithValue("$createdAt", SqliteValues.Time(message.CreatedAt));
        long id;
        int position;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            id = reader.GetInt64(0);
            position = reader.GetInt32(1);
        }

        await TouchAsync(connection, transaction, message.ConversationId, message.CreatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return message with { Id = id, Position = position };
    }

    /// <summary>Saves the content, reasoning, tools, stats, model, state and error of an existing message.</summary>
    /// <returns>Whether the message exists (it may have been deleted with its conversation meanwhile).</returns>
    public async Task<bool> UpdateAsync(MessageRecord message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE messages
            SET content = $content, reasoning = $reasoning, tool_calls_json = $toolCalls, stats_json = $stats,
                model = $model, state = $state, error = $error
            WHERE id = $id
            """;
        Bind(command, message);
        command.Parameters.AddWithValue("$id", message.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes the messages at <paramref name="position"/> and after (for regenerating or editing an earlier turn).</summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> DeleteFromAsync(string conversationId, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM messages WHERE conversation_id = $conversationId AND position >= $position";
        command.Parameters.AddWithValue("$conversationId", conversationId);
        command.Parameters.AddWithValue("$position", position);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task TouchAsync(SqliteConnection connection, SqliteTransaction transaction, string conversationId, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE conversations SET updated_at = MAX(updated_at, $time) WHERE id = $id";
        command.Parameters.AddWithValue("$time", SqliteValues.Time(time));
        command.Parameters.AddWithValue("$id", conversationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(SqliteCommand command, MessageRecord message)
    {
        command.Parameters.AddWithValue("$content", message.Content);
        command.Parameters.AddWithValue("$reasoning", SqliteValues.Nullable(message.Reasoning));
        command.Parameters.AddWithValue("$toolCalls", message.ToolCalls.Count == 0 ? DBNull.Value : PersistenceJson.Write(message.ToolCalls));
        command.Parameters.AddWithValue("$stats", message.Stats is null ? DBNull.Value : PersistenceJson.Write(message.Stats));
        command.Parameters.AddWithValue("$model", SqliteValues.Nullable(message.Model));
        command.Parameters.AddWithValue("$state", SqliteValues.State(message.State));
        command.Parameters.AddWithValue("$error", SqliteValues.Nullable(message.Error));
    }

    private static MessageRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        ConversationId = reader.GetString(1),
        Position = reader.GetInt32(2),
        Role = SqliteValues.Role(reader.GetString(3)),
        Content = reader.GetString(4),
        Reasoning = SqliteValues.String(reader, 5),
        ToolCalls = PersistenceJson.Read<List<ToolCallRecord>>(SqliteValues.String(reader, 6)) ?? [],
        Stats = PersistenceJson.Read<MessageStats>(SqliteValues.String(reader, 7)),
        Model = SqliteValues.String(reader, 8),
        State = SqliteValues.State(reader.GetString(9)),
        Error = SqliteValues.String(reader, 10),
        CreatedAt = SqliteValues.Time(reader.GetString(11)),
    };
}
