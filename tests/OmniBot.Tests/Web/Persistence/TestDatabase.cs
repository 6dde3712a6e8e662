using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Persistence;

/// <summary>A real SQLite database file in a fresh temp folder, with its repositories; deleted on dispose.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("omnibot-db-").FullName;
        Database = OmniBotDatabase.InDirectory(Directory);
        Conversations = new ConversationRepository(Database);
        Messages = new MessageRepository(Database);
        Backends = new BackendRepository(Database, TimeProvider.System, Microsoft.AspNetCore.DataProtection.DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(Directory, "keys"))));
        Settings = new AppSettingsRepository(Database);
    }

    public string Directory { get; }

    public string FilePath => Database.Path;

    public OmniBotDatabase Database { get; }

    public ConversationRepository Conversations { get; }

    public MessageRepository Messages { get; }

    public BackendRepository Backends { get; }

    public AppSettingsRepository Settings { get; }

    public void Dispose()
    {
        Database.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
