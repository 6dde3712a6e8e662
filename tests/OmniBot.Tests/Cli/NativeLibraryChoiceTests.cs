using System.Runtime.InteropServices;
using System.Text.Json;
using OmniBot.Engine.Runtime;

namespace OmniBot.Tests.Cli;

public sealed class NativeLibraryChoiceTests
{
    [Fact]
    public async Task Hw_NativeLibraryFromEnvironment_LoadsExactlyThatLibrary()
    {
        var library = PortableCpuLibrary();

        var run = await CliProcess.RunAsync(
            new Dictionary<string, string> { [LlamaRuntimeOptions.NativeLibraryEnvironmentVariable] = library },
            "hw", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("custom", json.RootElement.GetProperty("backend").GetString());
        Assert.Equal(library, json.RootElement.GetProperty("libraryPath").GetString());
        var others = json.RootElement.GetProperty("backends").EnumerateArray().Where(b => !b.GetProperty("used").GetBoolean());
        Assert.All(others, b => Assert.Equal("overridden", b.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Hw_NativeLibraryOptionMissingFile_ExitsWithOneLineNamingTheProblem()
    {
        var missing = Path.Combine(Path.GetTempPath(), "omnibot-no-such-dir", "libllama.so");

        var run = await CliProcess.RunAsync(new Dictionary<string, string>(), "hw", "--native-lib", missing);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("omnibot: error: --native-lib", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hw_NativeLibraryThatIsNotALibrary_ExitsWithOneLineCarryingTheLoaderReason()
    {
        var directory = Directory.CreateTempSubdirectory("omnibot-badlib-").FullName;
        try
        {
            var fake = Path.Combine(directory, "libllama.so");
            await File.WriteAllTextAsync(fake, "this is text, not a shared library\n");

            var run = await CliProcess.RunAsync(
                new Dictionary<string, string> { [LlamaRuntimeOptions.NativeLibraryEnvironmentVariable] = fake },
                "hw", "--json");

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.Contains("No llama.cpp native library could be loaded", line, StringComparison.Ordinal);
            Assert.Contains(fake, line, StringComparison.Ordinal);
            Assert.Contains(LlamaRuntimeOptions.NativeLibraryEnvironmentVariable, line, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(run.Output);
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("backend").ValueKind);
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("cpu").GetProperty("model").GetString()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The most portable CPU build shipped with LLamaSharp.Backend.Cpu for this platform.</summary>
    private static string PortableCpuLibrary()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        var name = OperatingSystem.IsWindows() ? "llama.dll" : OperatingSystem.IsMacOS() ? "libllama.dylib" : "libllama.so";
        var noavx = Path.Combine(native, "noavx", name);
        return File.Exists(noavx) ? noavx : Path.Combine(native, name);
    }
}
