using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

/// <summary>The state of one render: its options, and the counters that enforce the limits.</summary>
internal sealed class RenderContext
{
    /// <summary>Loop iterations between clock reads: cheap, and still within a few iterations' work of the deadline.</summary>
    private const int IterationsPerTimeCheck = 64;

    private readonly long _started;
    private long _iterations;
    private int _depth;
    private DateTime? _now;

    public RenderContext(JinjaRenderOptions options)
    {
        Options = options;
        _started = options.TimeProvider.GetTimestamp();
    }

    public JinjaRenderOptions Options { get; }

    public int MaxLength => Options.MaxOutputLength;

    /// <summary>The interpreter running this render (set once it exists); filters such as <c>map</c> call back into it.</summary>
    public Interpreter Interpreter { get; set; } = null!;

    /// <summary>The local time <c>strftime_now</c> formats, read once per render.</summary>
    public DateTime Now => _now ??= Options.TimeProvider.GetLocalNow().DateTime;

    public PyStrBuilder NewBuilder() => new(Options.MaxOutputLength);

    /// <summary>Fails when a list the template builds would be longer than the output limit.</summary>
    public void CheckLength(long count)
    {
        if (count > Options.MaxOutputLength)
        {
            throw new TemplateLimitExceededException(
                TemplateLimit.OutputLength,
                Options.MaxOutputLength,
                $"built a list longer than {Options.MaxOutputLength} items");
        }
    }

    public void CountIteration()
    {
        if (++_iterations > Options.MaxLoopIterations)
        {
            throw new TemplateLimitExceededException(
                TemplateLimit.LoopIterations,
                Options.MaxLoopIterations,
                $"ran more than {Options.MaxLoopIterations} loop iterations");
        }

        if (_iterations % IterationsPerTimeCheck == 0)
        {
            CheckTime();
        }
    }

    private void CheckTime()
    {
        var elapsed = Options.TimeProvider.GetElapsedTime(_started);
        if (elapsed > Options.MaxRenderTime)
        {
            throw new TemplateLimitExceededException(
                TemplateLimit.RenderTime,
                (long)Options.MaxRenderTime.TotalMilliseconds,
                $"ran for more than {Options.MaxRenderTime.TotalSeconds:0.###} s");
        }
    }

    public void EnterRecursion()
    {
        CheckTime();
        if (++_depth > Options.MaxRecursionDepth)
        {
            _depth--;
            throw new TemplateLimitExceededException(
                TemplateLimit.RecursionDepth,
                Options.MaxRecursionDepth,
                $"nested macro calls more than {Options.MaxRecursionDepth} deep");
        }

        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException ex)
        {
            _depth--;
            throw new TemplateLimitExceededException(
                TemplateLimit.RecursionDepth,
                Options.MaxRecursionDepth,
                $"nested macro calls {_depth} deep, which exhausts the thread's stack",
                ex);
        }
    }

    public void ExitRecursion() => _depth--;
}
