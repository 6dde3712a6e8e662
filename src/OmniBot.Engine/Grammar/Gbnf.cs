namespace OmniBot.Engine.Grammar;

/// <summary>
/// A validated GBNF grammar ready for llama.cpp's grammar sampler: <see cref="Text"/> parses and
/// every rule it uses is defined. Instances come from <see cref="JsonSchemaGrammarConverter"/> or
/// <see cref="GbnfGrammar.ToGbnf"/>, never from unchecked text.
/// </summary>
public sealed record Gbnf
{
    internal Gbnf(string text, string rootRule)
    {
        Text = text;
        RootRule = rootRule;
    }

    public string Text { get; }

    /// <summary>The rule generation starts from (llama.cpp's <c>grammar_root</c>).</summary>
    public string RootRule { get; }

    /// <summary>
    /// Words that switch a lazy grammar on: until one appears in the reply, the reply is free text; from the
    /// word on (the word included), the grammar holds. Empty for an ordinary grammar.
    /// </summary>
    public IReadOnlyList<string> TriggerWords { get; private init; } = [];

    /// <summary>Tokens that switch a lazy grammar on (control tokens such as <c>&lt;|python_tag|&gt;</c>).</summary>
    public IReadOnlyList<int> TriggerTokens { get; private init; } = [];

    public bool IsLazy => TriggerWords.Count > 0 || TriggerTokens.Count > 0;

    /// <summary>This grammar made lazy: it holds only from the first trigger on (llama.cpp's lazy grammar, used for tool calls in auto mode).</summary>
    public Gbnf WithTriggers(IReadOnlyList<string> words, IReadOnlyList<int>? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0 && (tokens is null || tokens.Count == 0))
        {
            throw new ArgumentException("A lazy grammar needs at least one trigger word or token.", nameof(words));
        }

        return this with { TriggerWords = [.. words], TriggerTokens = [.. tokens ?? []] };
    }

    public override string ToString() => Text;
}
