using System.Runtime.InteropServices;

namespace OmniBot.Engine.Runtime;

/// <summary>The platform facts that decide which native folders and file names apply.</summary>
internal sealed record RuntimePlatform(PlatformOs Os, Architecture Architecture, string RuntimeIdentifier, string LibraryPrefix, string LibraryExtension)
{
    public static RuntimePlatform Current { get; } = Detect();

    public bool IsX64 => Architecture == Architecture.X64;

    public string LibraryFileName(string name) => LibraryPrefix + name + LibraryExtension;

    private static RuntimePlatform Detect()
    {
        var architecture = RuntimeInformation.ProcessArchitecture;
        var arch = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => architecture.ToString().ToLowerInvariant(),
        };

        if (OperatingSystem.IsWindows())
        {
            return new RuntimePlatform(PlatformOs.Windows, architecture, $"win-{arch}", string.Empty, ".dll");
        }

        if (OperatingSystem.IsMacOS())
        {
            return new RuntimePlatform(PlatformOs.MacOS, architecture, $"osx-{arch}", "lib", ".dylib");
        }

        if (OperatingSystem.IsLinux())
        {
            var musl = File.Exists("/lib/ld-musl-x86_64.so.1") || File.Exists("/lib/ld-musl-aarch64.so.1");
            return new RuntimePlatform(PlatformOs.Linux, architecture, musl ? $"linux-musl-{arch}" : $"linux-{arch}", "lib", ".so");
        }

        return new RuntimePlatform(PlatformOs.Other, architecture, $"unknown-{arch}", "lib", ".so");
    }
}
