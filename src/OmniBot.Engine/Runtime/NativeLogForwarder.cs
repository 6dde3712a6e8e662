using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Sends llama.cpp's log to Microsoft.Extensions.Logging (category "llama.cpp"), one entry per line.
/// Also lets a thread collect the warnings and errors llama.cpp writes while it works, so a failed
/// native call can say what llama.cpp complained about.
/// </summary>
internal static partial class NativeLogForwarder
{
    public const string Category = "llama.cpp";

    // Rooted here for the life of the process: native code keeps calling it.
    public static readonly NativeLogConfig.LLamaLogCallback Callback = OnNativeLog;

    private static ILogger _logger = NullLogger.Instance;

    [ThreadStatic]
    private static NativeLogLineBuffer? _buffer;

    [ThreadStatic]
    private static List<string>? _captured;

    public static void Attach(ILoggerFactory loggerFactory) =>
        Volatile.Write(ref _logger, loggerFactory.CreateLogger(Category));

    /// <summary>Starts collecting this thread's llama.cpp warnings and errors until the scope is disposed.</summary>
    public static NativeLogCapture CaptureProblems()
    {
        var previous = _captured;
        var lines = new List<string>();
        _captured = lines;
        return new NativeLogCapture(lines, () => _captured = previous);
    }

    /// <summary>
    /// llama.cpp's INFO level prints dozens of lines per model load, which is debug detail for an
    /// application, so levels shift down one step; warnings and errors keep theirs.
    /// </summary>
    internal static LogLevel ToLogLevel(LLamaLogLevel level) => level switch
    {
        LLamaLogLevel.Error => LogLevel.Error,
        LLamaLogLevel.Warning => LogLevel.Warning,
        LLamaLogLevel.Info => LogLevel.Debug,
        LLamaLogLevel.Debug => LogLevel.Trace,
        _ => LogLevel.Information,
    };

    [LoggerMessage(EventId = 1, EventName = "NativeLog", Message = "{NativeMessage}")]
    private static partial void LogNativeLine(ILogger logger, LogLevel level, string nativeMessage);

    private static void OnNativeLog(LLamaLogLevel level, string message)
    {
        // An exception must never unwind into native code.
        try
        {
            _buffer ??= new NativeLogLineBuffer();
            var logger = Volatile.Read(ref _logger);
            foreach (var (lineLevel, line) in _buffer.Append(level, message))
            {
                if (lineLevel is LLamaLogLevel.Error or LLamaLogLevel.Warning)
                {
                    _captured?.Add(line);
                }

                LogNativeLine(logger, ToLogLevel(lineLevel), line);
            }
        }
#pragma warning disable CA1031 // see the comment above
        catch (Exception)
#pragma warning restore CA1031
        {
            // Dropping a log line is the only safe outcome here.
        }
    }
}
