using Microsoft.Extensions.Logging;

namespace OmniBot.Cli;

/// <summary>Writes log entries as single lines to the CLI's error writer, so stdout stays clean for --json.</summary>
internal sealed class ErrorWriterLoggerProvider(TextWriter error) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new ErrorWriterLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            error.WriteLine(line);
        }
    }

    private sealed class ErrorWriterLogger(ErrorWriterLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            owner.Write($"{level}: {category}: {formatter(state, exception)}");
        }
    }
}
