using System.CommandLine;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Runtime;

namespace OmniBot.Cli;

/// <summary>Options every command understands, and what they turn into.</summary>
internal sealed class CliGlobalOptions
{
    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show llama.cpp's log and full error details on stderr.",
        Recursive = true,
    };

    public Option<string?> NativeLibrary { get; } = new("--native-lib")
    {
        Description = $"Load this llama library instead of choosing a build (also: {LlamaRuntimeOptions.NativeLibraryEnvironmentVariable}).",
        Recursive = true,
    };

    public bool IsVerbose(ParseResult parseResult) => parseResult.GetValue(Verbose);

    public ILoggerFactory CreateLoggerFactory(ParseResult parseResult)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var minimum = IsVerbose(parseResult) ? LogLevel.Debug : LogLevel.Warning;
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            // llama.cpp warns about routine things (context smaller than trained); only its errors matter here.
            .AddFilter("llama.cpp", IsVerbose(parseResult) ? LogLevel.Debug : LogLevel.Error)
            .AddProvider(new ErrorWriterLoggerProvider(error)));
    }

    public LlamaRuntimeOptions CreateRuntimeOptions(ParseResult parseResult)
    {
        var library = parseResult.GetValue(NativeLibrary);
        if (library is not null && !File.Exists(library))
        {
            throw new CliErrorException($"--native-lib names '{Path.GetFullPath(library)}', which does not exist; give the path of a llama library (libllama.so, llama.dll or libllama.dylib).");
        }

        return new LlamaRuntimeOptions { NativeLibraryPath = library };
    }
}
