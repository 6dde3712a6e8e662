using System.Text;
using LLama.Native;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// A model's own rerank prompt (tokenizer.chat_template.rerank) with {query} and {document} placeholders.
/// llama.cpp's server substitutes the texts and parses special tokens in the result, which lets user text
/// inject control tokens; here only the template's own text is parsed for them.
/// </summary>
internal sealed class RerankTemplate
{
    private const string QueryPlaceholder = "{query}";
    private const string DocumentPlaceholder = "{document}";

    private readonly List<Part> _parts;

    private RerankTemplate(List<Part> parts)
    {
        _parts = parts;
        FixedLength = parts.Sum(part => part.Literal?.Length ?? 0);
    }

    /// <summary>Tokens of the template itself.</summary>
    public int FixedLength { get; }

    /// <summary>The parsed template, or null when it lacks a placeholder (then the default pair format applies).</summary>
    public static RerankTemplate? Parse(SafeLlamaModelHandle model, string template)
    {
        if (!template.Contains(QueryPlaceholder, StringComparison.Ordinal) || !template.Contains(DocumentPlaceholder, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<Part>();
        var rest = template;
        while (rest.Length > 0)
        {
            var query = rest.IndexOf(QueryPlaceholder, StringComparison.Ordinal);
            var document = rest.IndexOf(DocumentPlaceholder, StringComparison.Ordinal);
            var next = (query, document) switch
            {
                (< 0, < 0) => -1,
                (< 0, _) => document,
                (_, < 0) => query,
                _ => Math.Min(query, document),
            };
            var literal = next < 0 ? rest : rest[..next];
            if (literal.Length > 0)
            {
                parts.Add(new Part(model.Tokenize(literal, false, true, Encoding.UTF8), IsQuery: false));
            }

            if (next < 0)
            {
                break;
            }

            var isQuery = next == query;
            parts.Add(new Part(null, isQuery));
            rest = rest[(next + (isQuery ? QueryPlaceholder.Length : DocumentPlaceholder.Length))..];
        }

        return new RerankTemplate(parts);
    }

    public LLamaToken[] Build(LLamaToken[] query, LLamaToken[] document)
    {
        var tokens = new List<LLamaToken>(FixedLength + query.Length + document.Length);
        foreach (var part in _parts)
        {
            tokens.AddRange(part.Literal ?? (part.IsQuery ? query : document));
        }

        return [.. tokens];
    }

    private sealed record Part(LLamaToken[]? Literal, bool IsQuery);
}
