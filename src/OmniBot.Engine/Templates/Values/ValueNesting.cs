namespace OmniBot.Engine.Templates.Values;

/// <summary>
/// Bounds how deeply the recursive walks over values (equality, ordering, hashing, printing, <c>tojson</c>) may descend.
/// A template can build a list nested as deep as it has loop iterations; without this bound the walk's depth would
/// depend on the thread's stack size (and could exhaust it) rather than on a fixed, documented rule.
/// Renders are synchronous, so one counter per thread tracks the walk in progress.
/// </summary>
internal static class ValueNesting
{
    /// <summary>Deeper than Python's own recursion limit allows for these walks, and far below what the stack holds.</summary>
    public const int MaxDepth = 512;

    [ThreadStatic]
    private static int t_depth;

    /// <summary>Enters one level of a list, tuple or dict; pair each call with <see cref="Exit"/> in a <c>finally</c>.</summary>
    public static void Enter()
    {
        if (++t_depth > MaxDepth)
        {
            t_depth--;
            throw TooDeep();
        }
    }

    public static void Exit() => t_depth--;

    public static TemplateLimitExceededException TooDeep() => new(
        TemplateLimit.ValueNesting,
        MaxDepth,
        $"compared, hashed, printed or serialized a value with lists or dicts nested more than {MaxDepth} levels deep",
        fix: "build flatter values; this bound is fixed");
}
