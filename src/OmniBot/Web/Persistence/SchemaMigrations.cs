namespace OmniBot.Web.Persistence;

/// <summary>
/// Every schema step OmniBot has shipped, oldest first. Append new steps; never edit or renumber a shipped one,
/// because databases in the wild have already run it.
/// </summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "conversations, messages, backends and app settings", """
            CREATE TABLE conversations (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                backend_id TEXT NOT NULL,
                model TEXT,
                settings_json TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX ix_conversations_updated_at ON conversations (updated_at DESC);
            CREATE TABLE messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
                content TEXT NOT NULL DEFAULT '',
                reasoning TEXT,
                tool_calls_json TEXT,
                stats_json TEXT,
                model TEXT,
                state TEXT NOT NULL CHECK (state IN ('complete', 'partial', 'error')),
                error TEXT,
                created_at TEXT NOT NULL,
                UNIQUE (conversation_id, position)
            );
            CREATE TABLE backends (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('llama.cpp', 'ollama', 'openai')),
                name TEXT NOT NULL,
                url TEXT,
                api_key TEXT,
                is_default INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL
            );
            CREATE TABLE app_settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
        new(2, "the built-in llama.cpp backend, default until the user picks another", """
            INSERT OR IGNORE INTO backends (id, kind, name, url, api_key, is_default, created_at)
            VALUES ('llama.cpp', 'llama.cpp', 'llama.cpp (in-process)', NULL, NULL,
                    NOT EXISTS (SELECT 1 FROM backends WHERE is_default = 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
