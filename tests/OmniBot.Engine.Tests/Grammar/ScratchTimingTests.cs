using System.Diagnostics;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

public sealed class ScratchTimingTests
{
    [Fact]
    public void Scratch()
    {
        var cases = new (string Name, string Schema)[]
        {
            ("10000 required strings", HostileSchemaTests.ObjectSchema(10_000, true)),
            ("10000 optional strings", HostileSchemaTests.ObjectSchema(10_000, false)),
            ("30000 required (refused)", HostileSchemaTests.ObjectSchema(30_000, true, "{}")),
            ("pattern 100000 chars", System.Text.Json.JsonSerializer.Serialize(new { type = "string", pattern = "^" + string.Concat(Enumerable.Repeat("(?:ab|c)", 12_400)) + "$" })),
        };
        var lines = new List<string>();
        foreach (var (name, schema) in cases)
        {
            for (var run = 0; run < 3; run++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                string result;
                try
                {
                    var gbnf = JsonSchemaGrammarConverter.Convert(schema);
                    result = $"{gbnf.Text.Length} chars of grammar";
                }
                catch (GrammarConversionException e)
                {
                    result = "refused: " + e.Problem[..60];
                }

                lines.Add($"{name}: schema {schema.Length} chars, wall {watch.ElapsedMilliseconds} ms, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms, {result}");
            }
        }

        File.WriteAllLines("/tmp/scratch-timing.txt", lines);
    }
}
