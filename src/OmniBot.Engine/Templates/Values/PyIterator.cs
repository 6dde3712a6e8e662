namespace OmniBot.Engine.Templates.Values;

/// <summary>
/// A one-shot Python iterator or generator (what <c>map</c>, <c>select</c> or <c>reverse</c> return): it is always truthy,
/// has no length, and once consumed stays empty, exactly like its Python counterpart.
/// </summary>
internal sealed class PyIterator
{
    private readonly IEnumerator<object?> _source;

    public PyIterator(IEnumerable<object?> source, string typeName, string description)
    {
        _source = source.GetEnumerator();
        TypeName = typeName;
        Description = description;
    }

    public string TypeName { get; }

    /// <summary>What <c>str()</c> prints (Python adds a memory address; here it is left out).</summary>
    public string Description { get; }

    public static PyIterator Generator(IEnumerable<object?> source, string function) =>
        new(source, "generator", $"<generator object {function}>");

    /// <summary>A generator whose body (validation included) runs only when it is first iterated, like a Python generator function.</summary>
    public static PyIterator Deferred(Func<IEnumerable<object?>> body, string function) =>
        Generator(Run(body), function);

    private static IEnumerable<object?> Run(Func<IEnumerable<object?>> body)
    {
        foreach (var item in body())
        {
            yield return item;
        }
    }

    public IEnumerable<object?> Consume()
    {
        while (_source.MoveNext())
        {
            yield return _source.Current;
        }
    }
}
