namespace OmniBot.Web.Persistence;

/// <summary>One saved message; <see cref="Position"/> orders a conversation's messages from 0.</summary>
public sealed record MessageRecord
{
    public long Id { get; init; }

    public required string ConversationId { get; init; }

    public int Position { get; init; }

    public required MessageRole Role { get; init; }

    public string Content { get; init; } = "";

    /// <summary>The model's thinking, shown collapsed.</summary>
    public string? Reasoning { get; init; }

    public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];

    public MessageStats? Stats { get; init; }

    /// <summary>The model that wrote a reply.</summary>
    public string? Model { get; init; }

    public MessageState State { get; init; } = MessageState.Complete;

    public string? Error { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Value equality, tool calls compared item by item (a record alone would compare the list references).</summary>
    public bool Equals(MessageRecord? other) =>
        other is not null
        && (Id, ConversationId, Position, Role, Content, Reasoning, Model, State, Error, CreatedAt)
            == (other.Id, other.ConversationId, other.Position, other.Role, other.Content, other.Reasoning, other.Model, other.State, other.Error, other.CreatedAt)
        && Equals(Stats, other.Stats)
        && ToolCalls.SequenceEqual(other.ToolCalls);

    public override int GetHashCode() => HashCode.Combine(Id, ConversationId, Position, Content, State);
}
