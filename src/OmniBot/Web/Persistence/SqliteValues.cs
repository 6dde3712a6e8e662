using System.Globalization;
using Microsoft.Data.Sqlite;
using OmniBot.Web.Backends;

namespace OmniBot.Web.Persistence;

/// <summary>How values are stored: times as UTC ISO 8601 text (which sorts), enums as the names the CHECK constraints list.</summary>
internal static class SqliteValues
{
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Role(MessageRole role) => role == MessageRole.User ? "user" : "assistant";

    public static MessageRole Role(string text) => text == "user" ? MessageRole.User : MessageRole.Assistant;

    public static string State(MessageState state) => state switch
    {
        MessageState.Partial => "partial",
        MessageState.Error => "error",
        _ => "complete",
    };

    public static MessageState State(string text) => text switch
    {
        "partial" => MessageState.Partial,
        "error" => MessageState.Error,
        _ => MessageState.Complete,
    };

    public static string Kind(BackendKind kind) => kind switch
    {
        BackendKind.Ollama => "ollama",
        BackendKind.OpenAI => "openai",
        _ => "llama.cpp",
    };

    public static BackendKind Kind(string text) => text switch
    {
        "ollama" => BackendKind.Ollama,
        "openai" => BackendKind.OpenAI,
        _ => BackendKind.LlamaCpp,
    };

    public static object Nullable(object? value) => value ?? DBNull.Value;

    public static string? String(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
