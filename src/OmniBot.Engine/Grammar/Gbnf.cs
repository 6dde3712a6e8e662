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

    public override string ToString() => Text;
}
