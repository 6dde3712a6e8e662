namespace OmniBot.Engine.Templates.Syntax;

/// <summary>Turns a character offset into a 1-based line and column.</summary>
internal sealed class SourceMap
{
    private readonly List<int> _lineStarts = [0];

    public SourceMap(string source)
    {
        for (var i = source.IndexOf('\n'); i >= 0; i = source.IndexOf('\n', i + 1))
        {
            _lineStarts.Add(i + 1);
        }
    }

    public (int Line, int Column) Locate(int position)
    {
        var index = _lineStarts.BinarySearch(position);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, position - _lineStarts[index] + 1);
    }
}
