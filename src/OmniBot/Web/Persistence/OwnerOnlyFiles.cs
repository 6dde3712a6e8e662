namespace OmniBot.Web.Persistence;

/// <summary>
/// Files only this user may open (0600, folders 0700): the database holds conversations and backend settings, the
/// Data Protection keys decrypt the backends' API keys. Files made before this rule are tightened when next used.
/// On Windows the profile folder's ACL already keeps other users out, so nothing is changed there.
/// </summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode OwnerFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OthersBits = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> as a folder only its owner can enter, or tightens an existing one and its files.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, OwnerDirectoryMode);
        Restrict(path);
        foreach (var file in Directory.EnumerateFiles(path))
        {
            Restrict(file);
        }
    }

    /// <summary>Creates <paramref name="path"/> empty and owner-only if it does not exist, else tightens it.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            Restrict(path);
        }
    }

    /// <summary>Removes the group's and others' permissions from <paramref name="path"/> when it exists.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersBits) != 0)
        {
            File.SetUnixFileMode(path, mode & ~OthersBits);
        }
    }
}
