using OmniBot.Server;

namespace OmniBot.Cli;

/// <summary>
/// Where <c>omnibot serve</c> takes its API key from: <c>--api-key-file</c> (kept out of <c>ps</c> and shell history),
/// <c>--api-key</c>, or <c>$OMNIBOT_API_KEY</c>.
/// </summary>
internal static class ApiKeySource
{
    /// <summary>Keys are short; a bigger file is the wrong file (a certificate, a log).</summary>
    private const long MaxFileBytes = 4096;

    /// <exception cref="CliErrorException">Both a key and a key file are given, or the file is missing, too big or empty.</exception>
    public static string? Resolve(string? key, string? keyFile)
    {
        if (keyFile is null)
        {
            return key ?? NonBlank(Environment.GetEnvironmentVariable(ServerOptions.ApiKeyEnvironmentVariable));
        }

        if (key is not null)
        {
            throw new CliErrorException("Pass the API key either with --api-key or with --api-key-file, not both.");
        }

        return Read(keyFile);
    }

    private static string Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new CliErrorException($"--api-key-file {path}: there is no such file. Write the key into it (one line), e.g. with: openssl rand -hex 32 > {path}");
        }

        if (file.Length > MaxFileBytes)
        {
            throw new CliErrorException($"--api-key-file {path} is {file.Length} bytes; a key file holds just the key (at most {MaxFileBytes} bytes).");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliErrorException($"--api-key-file {path} cannot be read: {ex.Message}");
        }

        // Editors and `echo` end the file with a newline that is not part of the key.
        var key = text.Trim();
        if (key.Length == 0)
        {
            throw new CliErrorException($"--api-key-file {path} is empty: write the key into it.");
        }

        if (key.Contains('\n', StringComparison.Ordinal))
        {
            throw new CliErrorException($"--api-key-file {path} has more than one line: it should hold just the key.");
        }

        return key;
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
