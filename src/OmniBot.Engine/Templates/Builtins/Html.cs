using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>markupsafe's <c>escape</c>: <c>&amp; &lt; &gt; " '</c> become entities and the result is Markup.</summary>
internal static class Html
{
    public static PyStr Escape(object? value, RenderContext context)
    {
        if (value is PyStr { IsMarkup: true } markup)
        {
            return markup;
        }

        var text = PyRepr.Str(value, context.MaxLength);
        var builder = context.NewBuilder();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text.Value[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null)
            {
                continue;
            }

            builder.Append(text, start, i - start);
            builder.Append(entity, text.IsContentAt(i));
            start = i + 1;
        }

        builder.Append(text, start, text.Length - start);
        return builder.ToPyStr(isMarkup: true);
    }
}
