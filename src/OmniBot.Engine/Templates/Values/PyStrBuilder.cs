using System.Text;

namespace OmniBot.Engine.Templates.Values;

/// <summary>Builds a <see cref="PyStr"/> piece by piece, carrying content marks along and enforcing the render's length limit.</summary>
internal sealed class PyStrBuilder
{
    private readonly StringBuilder _text = new();
    private readonly int _maxLength;
    private List<int>? _content;

    public PyStrBuilder(int maxLength)
    {
        _maxLength = maxLength;
    }

    public int Length => _text.Length;

    public PyStrBuilder Append(PyStr value) => Append(value, 0, value.Length);

    public PyStrBuilder Append(PyStr value, int start, int length)
    {
        if (length == 0)
        {
            return this;
        }

        Reserve(length);
        var offset = _text.Length - start;
        _text.Append(value.Value, start, length);
        var bounds = value.ContentBounds;
        var end = start + length;
        for (var i = 0; i < bounds.Length; i += 2)
        {
            var from = Math.Max(bounds[i], start);
            var to = Math.Min(bounds[i + 1], end);
            if (from < to)
            {
                MarkContent(from + offset, to + offset);
            }
        }

        return this;
    }

    public PyStrBuilder Append(string text, bool isContent = false)
    {
        if (text.Length == 0)
        {
            return this;
        }

        Reserve(text.Length);
        var start = _text.Length;
        _text.Append(text);
        if (isContent)
        {
            MarkContent(start, _text.Length);
        }

        return this;
    }

    public PyStrBuilder Append(char c, bool isContent = false)
    {
        Reserve(1);
        _text.Append(c);
        if (isContent)
        {
            MarkContent(_text.Length - 1, _text.Length);
        }

        return this;
    }

    /// <summary>Appends <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public PyStrBuilder AppendRepeated(PyStr value, long count)
    {
        if (count <= 0 || value.Length == 0)
        {
            return this;
        }

        if (count * value.Length > _maxLength - _text.Length)
        {
            throw LimitError();
        }

        for (var i = 0; i < count; i++)
        {
            Append(value);
        }

        return this;
    }

    public PyStr ToPyStr(bool isMarkup = false) =>
        _text.Length == 0 && _content is null && !isMarkup ? PyStr.Empty : new PyStr(_text.ToString(), _content?.ToArray(), isMarkup);

    public override string ToString() => _text.ToString();

    private void Reserve(int extra)
    {
        if (extra > _maxLength - _text.Length)
        {
            throw LimitError();
        }
    }

    private TemplateLimitExceededException LimitError() => new(
        TemplateLimit.OutputLength,
        _maxLength,
        $"built a string longer than {_maxLength} characters");

    private void MarkContent(int start, int end)
    {
        _content ??= [];
        if (_content.Count > 0 && _content[^1] == start)
        {
            _content[^1] = end;
            return;
        }

        _content.Add(start);
        _content.Add(end);
    }
}
