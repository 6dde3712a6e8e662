using System.Text.Json;
using System.Text.RegularExpressions;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

public sealed class PatternGrammarTests(NativeGrammarFixture native, NativeGrammarRunner runner) : IClassFixture<NativeGrammarFixture>, IClassFixture<NativeGrammarRunner>
{
    private const string Alphabet = "abcx019-_ .@\"\\\té";

    public static TheoryData<string> Patterns => new()
    {
        "^a+b?$",
        "^(ab|cd){2,3}$",
        "^[a-c]*[0-9]{2}$",
        "x",
        "^[^a]+$",
        "^\\d{2}-\\w+$",
        "^a.c$",
        "^\\s*a\\S?$",
        "^(a|b|)c$",
        "a|^b",
        "^\\.\\\\\\\"$",
        "^[-a]$",
        "^[a-]+$",
        "^[\\]\\-]$",
        "^.*$",
        "^(?:a|bc)*?x{2,}$",
        "^(?<name>a)[\\x41-\\u0043]$",
        "\\t|é",
        "^[\\d\\s]{1,3}$",
        "^[^\\d\\W]+$",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Convert_Pattern_AcceptsExactlyTheStringsBothRegexDialectsMatch(string pattern)
    {
        var schema = JsonSerializer.Serialize(new { type = "string", pattern });
        var gbnf = JsonSchemaGrammarConverter.Convert(schema);
        var matcher = new GbnfMatcher(GbnfGrammar.Parse(gbnf.Text));
        var dotNet = new Regex(pattern);
        var ecmaScript = new Regex(pattern, RegexOptions.ECMAScript);
        var random = new Random(pattern.Length);
        var matched = 0;
        foreach (var text in Candidates(random))
        {
            // Where the dialects disagree (\w on "é") the grammar must stay on the safe side.
            var expected = dotNet.IsMatch(text) && ecmaScript.IsMatch(text);
            matched += expected ? 1 : 0;
            var json = "\"" + JsonStringFragments.EncodeString(text) + "\"";
            Assert.True(expected == matcher.Matches(json), $"{pattern} on {json}: regex dialects say {expected}");
            Assert.True(expected == runner.Accepts(gbnf, json), $"{pattern} on {json}: llama.cpp disagrees with the regex dialects ({expected})");
        }

        Assert.True(matched > 0, "no candidate matched; the test would prove nothing");
        Assert.True(native.Accepts(gbnf));
    }

    [Theory]
    [InlineData("(?i)a", "inline flags")]
    [InlineData("[]", "escape it")]
    [InlineData("a{2,1}", "wrong order")]
    [InlineData("\\p{L}", "property")]
    [InlineData("\\bword", "word boundaries")]
    [InlineData("(?<!a)b", "lookahead and lookbehind")]
    [InlineData("[a-\\d]", "range cannot end")]
    [InlineData("a**", "nothing to repeat")]
    [InlineData("(ab", "unterminated group")]
    [InlineData("ab)", "unbalanced")]
    [InlineData("[a-z-[aeiou]]", "subtraction")]
    [InlineData("\\u{1F600}", "'u' flag")]
    public void Convert_PatternBeyondAGrammar_ThrowsWithTheReason(string pattern, string reason)
    {
        var schema = JsonSerializer.Serialize(new { type = "string", pattern });

        var error = Assert.Throws<GrammarConversionException>(() => JsonSchemaGrammarConverter.Convert(schema));

        Assert.Equal("pattern", error.Keyword);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    // Random short strings plus a few likely matches; strings ending in a newline are left out
    // because .NET's $ also matches before a final newline and ECMAScript's does not.
    private static IEnumerable<string> Candidates(Random random)
    {
        string[] likely = ["ab", "abab", "cdcdab", "abc09", "12-ab_", "a.c", " a", "c", "bc", "xx", "axx", "bcxx", ".\\\"", "-", "a-", "]", "aB", "a\t", "é", "1 2", "ab", "x"];
        foreach (var text in likely)
        {
            yield return text;
        }

        for (var i = 0; i < 400; i++)
        {
            var length = random.Next(0, 7);
            yield return string.Concat(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
        }
    }
}
