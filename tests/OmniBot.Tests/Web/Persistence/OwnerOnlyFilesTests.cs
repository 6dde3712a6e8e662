using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Tests.Server;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Persistence;

/// <summary>The database and the Data Protection keys (which decrypt the backends' API keys) are readable by their owner only.</summary>
public sealed class OwnerOnlyFilesTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task EnsureCreated_FreshDatabase_IsOwnerOnlyWithItsWriteAheadLog()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var test = new TestDatabase();
        await test.Database.EnsureCreatedAsync();
        await using (var connection = await test.Database.OpenConnectionAsync())
        {
            // The write-ahead log and its index exist while a connection is open.
            Assert.Equal(OwnerFile, File.GetUnixFileMode(test.FilePath));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(test.FilePath + "-wal"));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(test.FilePath + "-shm"));
        }
    }

    [Fact]
    public async Task EnsureCreated_DatabaseReadableByOthers_IsTightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var test = new TestDatabase();
        await File.WriteAllBytesAsync(test.FilePath, []);
        File.SetUnixFileMode(test.FilePath, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await test.Database.EnsureCreatedAsync();

        Assert.Equal(OwnerFile, File.GetUnixFileMode(test.FilePath));
    }

    [Fact]
    public async Task Serve_DataProtectionKeys_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var server = await OmniBotTestServer.StartAsync();
        // Protecting something makes the key ring write its first key.
        server.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("backend api key");

        var keys = new DirectoryInfo(Path.Combine(server.Home, "keys"));
        var files = keys.GetFiles();
        Assert.Equal(OwnerDirectory, keys.UnixFileMode);
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Equal(OwnerFile, file.UnixFileMode));
    }

    [Fact]
    public async Task Serve_KeysFolderReadableByOthers_IsTightenedWithItsFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var home = Directory.CreateTempSubdirectory("omnibot-keys-").FullName;
        try
        {
            var keys = Directory.CreateDirectory(Path.Combine(home, "keys"));
            var oldKey = Path.Combine(keys.FullName, "key-old.xml");
            await File.WriteAllTextAsync(oldKey, "<key/>");
            keys.UnixFileMode = OwnerDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(oldKey, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            await using (var server = await OmniBotTestServer.StartAsync(home: home))
            {
                Assert.Equal(OwnerDirectory, new DirectoryInfo(keys.FullName).UnixFileMode);
                Assert.Equal(OwnerFile, File.GetUnixFileMode(oldKey));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
