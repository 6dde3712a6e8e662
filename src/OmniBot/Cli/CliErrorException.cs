namespace OmniBot.Cli;

/// <summary>A user-facing failure of a command: printed as one line on stderr with exit code 1.</summary>
internal sealed class CliErrorException(string message) : Exception(message);
