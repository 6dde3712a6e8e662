using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Syntax;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates;

/// <summary>
/// A parsed Jinja2 template that renders exactly as Hugging Face transformers renders chat templates
/// (an immutable sandbox with <c>trim_blocks</c>, <c>lstrip_blocks</c>, loop controls, Python value semantics,
/// transformers' <c>tojson</c>, <c>raise_exception</c> and <c>strftime_now</c>, and <c>{% generation %}</c>).
/// Parse once, render many times: an instance is immutable and safe to share between threads.
/// </summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<Stmt> _body;

    private JinjaTemplate(string source, IReadOnlyList<Stmt> body)
    {
        Source = source;
        _body = body;
    }

    /// <summary>The template text as given.</summary>
    public string Source { get; }

    /// <summary>Parses template text.</summary>
    /// <exception cref="TemplateSyntaxException">The text is not a valid template; the exception gives line and column.</exception>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new JinjaTemplate(source, Parser.Parse(Lexer.Normalize(source)));
    }

    /// <summary>
    /// Renders the template. Variables may be strings, booleans, numbers, null, lists, dictionaries, or
    /// <see cref="System.Text.Json.JsonElement"/>/<see cref="System.Text.Json.Nodes.JsonNode"/> (object key order is kept).
    /// </summary>
    /// <exception cref="TemplateRaisedException">The template called <c>raise_exception</c>.</exception>
    /// <exception cref="TemplateRenderException">Rendering failed where Python would fail.</exception>
    /// <exception cref="TemplateLimitExceededException">The template exceeded a bound in <paramref name="options"/>.</exception>
    public string Render(IReadOnlyDictionary<string, object?> variables, JinjaRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var converted = new Dictionary<string, object?>(variables.Count, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            converted[name] = ValueConverter.FromDotNet(value, asContent: false, name);
        }

        return RenderValues(converted, options).Value;
    }

    /// <summary>Renders with variables that are already template values (content marks included).</summary>
    internal PyStr RenderValues(IReadOnlyDictionary<string, object?> variables, JinjaRenderOptions? options)
    {
        options ??= JinjaRenderOptions.Default;
        options.Validate();
        var context = new RenderContext(options);
        var interpreter = new Interpreter(context);
        var globals = Scope.ReadOnly(BuiltinGlobals.All, parent: null);
        var root = new Scope(Scope.ReadOnly(variables, globals));
        return interpreter.Render(_body, root);
    }
}
