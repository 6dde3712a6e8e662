namespace OmniBot.Engine.Templates.Values;

/// <summary>A Python <c>slice(start, stop, step)</c>, the key of <c>x[a:b:c]</c>.</summary>
internal sealed record PySlice(object? Start, object? Stop, object? Step);
