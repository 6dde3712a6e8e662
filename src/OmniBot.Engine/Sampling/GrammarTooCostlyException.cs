using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Sampling;

/// <summary>
/// Enforcing a request's grammar on one token took longer than the scheduler allows. The decode thread serves every
/// request of the model, so such a grammar would slow all of them; the request is stopped instead.
/// </summary>
public sealed class GrammarTooCostlyException : LlamaEngineException
{
    public GrammarTooCostlyException(TimeSpan took, TimeSpan limit)
        : base($"Enforcing this request's grammar took {took.TotalMilliseconds:0} ms for one token, more than the {limit.TotalMilliseconds:0} ms allowed (SchedulerOptions.GrammarStepTimeLimit). Simplify the schema or grammar: fewer optional properties, fewer alternatives that start alike.")
    {
        Took = took;
        Limit = limit;
    }

    public TimeSpan Took { get; }

    public TimeSpan Limit { get; }
}
