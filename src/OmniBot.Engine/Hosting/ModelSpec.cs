namespace OmniBot.Engine.Hosting;

/// <summary>
/// Which model to host: <paramref name="Id"/> is the name clients use (a store name such as <c>qwen2.5:0.5b</c>),
/// <paramref name="Path"/> the GGUF file. A different <paramref name="ContextSize"/> is a different hosted instance.
/// </summary>
public sealed record ModelSpec(string Id, string Path, int? ContextSize = null);
