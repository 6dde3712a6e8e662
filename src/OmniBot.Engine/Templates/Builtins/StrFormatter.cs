using System.Globalization;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Python's <c>str.format</c> / <c>format_map</c> as Jinja's sandboxed formatter runs them (field lookups go through the sandbox).</summary>
internal static class StrFormatter
{
    public static PyStr Format(
        RenderContext context,
        PyStr format,
        IReadOnlyList<object?> positional,
        IEnumerable<KeyValuePair<object?, object?>> keywords)
    {
        var named = new PyDict();
        foreach (var (key, value) in keywords)
        {
            named.Set(key, value);
        }

        var state = new State(positional, named, format.IsMarkup);
        var builder = context.NewBuilder();
        Render(context, format, builder, state, depth: 0);
        return builder.ToPyStr(format.IsMarkup);
    }

    private sealed class State(IReadOnlyList<object?> positional, PyDict named, bool escape)
    {
        public IReadOnlyList<object?> Positional { get; } = positional;

        public PyDict Named { get; } = named;

        public bool Escape { get; } = escape;

        public int AutoIndex { get; set; }

        public bool? Automatic { get; set; }
    }

    private static void Render(RenderContext context, PyStr format, PyStrBuilder builder, State state, int depth)
    {
        var text = format.Value;
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    builder.Append(format, literalStart, i + 1 - literalStart);
                    i += 2;
                    literalStart = i;
                    continue;
                }

                throw new TemplateRenderException("ValueError", "Single '}' encountered in format string");
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                builder.Append(format, literalStart, i + 1 - literalStart);
                i += 2;
                literalStart = i;
                continue;
            }

            builder.Append(format, literalStart, i - literalStart);
            if (i + 1 == text.Length)
            {
                throw new TemplateRenderException("ValueError", "Single '{' encountered in format string");
            }

            var end = FindFieldEnd(text, i + 1);
            ReplaceField(context, format.Slice(i + 1, end - i - 1), builder, state, depth);
            i = end + 1;
            literalStart = i;
        }

        builder.Append(format, literalStart, text.Length - literalStart);
    }

    private static int FindFieldEnd(string text, int start)
    {
        var nesting = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                nesting++;
            }
            else if (text[i] == '}' && --nesting == 0)
            {
                return i;
            }
        }

        throw new TemplateRenderException("ValueError", "expected '}' before end of string");
    }

    private static void ReplaceField(RenderContext context, PyStr field, PyStrBuilder builder, State state, int depth)
    {
        var text = field.Value;
        var colon = -1;
        var bang = -1;
        var brackets = 0;
        for (var i = 0; i < text.Length && colon < 0; i++)
        {
            switch (text[i])
            {
                case '[':
                    brackets++;
                    break;
                case ']':
                    brackets--;
                    break;
                case '!' when brackets == 0 && bang < 0:
                    bang = i;
                    break;
                case ':' when brackets == 0:
                    colon = i;
                    break;
            }
        }

        var nameEnd = bang >= 0 ? bang : colon >= 0 ? colon : text.Length;
        var value = ResolveField(text[..nameEnd], state);
        if (bang >= 0)
        {
            var conversion = text[(bang + 1)..(colon >= 0 ? colon : text.Length)];
            value = conversion switch
            {
                "s" => PyRepr.Str(value, context.MaxLength),
                "r" or "a" => PyRepr.Repr(value, context.MaxLength),
                _ => throw new TemplateRenderException("ValueError", "Unknown conversion specifier " + conversion),
            };
        }

        var spec = string.Empty;
        if (colon >= 0)
        {
            if (depth > 1)
            {
                throw new TemplateRenderException("ValueError", "Max string recursion exceeded");
            }

            var specBuilder = context.NewBuilder();
            Render(context, field.Slice(colon + 1), specBuilder, state, depth + 1);
            spec = specBuilder.ToString();
        }

        var formatted = FormatSpec.Format(context, value, spec);
        builder.Append(state.Escape && value is not PyStr { IsMarkup: true } ? Html.Escape(formatted, context) : formatted);
    }

    private static object? ResolveField(string name, State state)
    {
        var end = name.IndexOfAny(['.', '[']);
        var first = end < 0 ? name : name[..end];
        object? value;
        if (first.Length == 0)
        {
            if (state.Automatic == false)
            {
                throw new TemplateRenderException("ValueError", "cannot switch from manual field specification to automatic field numbering");
            }

            state.Automatic = true;
            value = Positional(state, state.AutoIndex++);
        }
        else if (first.All(char.IsAsciiDigit))
        {
            if (state.Automatic == true)
            {
                // string.Formatter (which Jinja's sandbox uses) words both directions this way.
                throw new TemplateRenderException("ValueError", "cannot switch from manual field specification to automatic field numbering");
            }

            state.Automatic = false;
            value = Positional(state, int.Parse(first, CultureInfo.InvariantCulture));
        }
        else if (!state.Named.TryGetValue(new PyStr(first), out value))
        {
            throw new TemplateRenderException("KeyError", PyRepr.QuoteString(first));
        }

        var i = end < 0 ? name.Length : end;
        while (i < name.Length)
        {
            if (name[i] == '.')
            {
                var next = name.IndexOfAny(['.', '['], i + 1);
                var attribute = next < 0 ? name[(i + 1)..] : name[(i + 1)..next];
                value = PyAccess.GetAttr(value, attribute);
                i = next < 0 ? name.Length : next;
            }
            else
            {
                var close = name.IndexOf(']', i);
                if (close < 0)
                {
                    throw new TemplateRenderException("ValueError", "Missing ']' in format string");
                }

                var key = name[(i + 1)..close];
                value = PyAccess.GetItem(value, key.Length > 0 && key.All(char.IsAsciiDigit) ? long.Parse(key, CultureInfo.InvariantCulture) : new PyStr(key));
                i = close + 1;
            }
        }

        return value;
    }

    private static object? Positional(State state, int index) => index < state.Positional.Count
        ? state.Positional[index]
        : throw new TemplateRenderException("IndexError", "tuple index out of range");
}
