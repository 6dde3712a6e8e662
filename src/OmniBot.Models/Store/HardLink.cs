using System.Runtime.InteropServices;

namespace OmniBot.Models.Store;

/// <summary>Creates hard links, which .NET has no API for; false where the file system or volume refuses.</summary>
internal static partial class HardLink
{
    public static bool TryCreate(string existingPath, string newPath) =>
        OperatingSystem.IsWindows()
            ? CreateHardLinkW(newPath, existingPath, IntPtr.Zero)
            : Link(existingPath, newPath) == 0;

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);

    [LibraryImport("kernel32.dll", StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateHardLinkW(string newPath, string existingPath, IntPtr securityAttributes);
}
