using System.Collections.Concurrent;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Tests.Grammar;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.StructuredOutput;

/// <summary>
/// Random-weight models at temperature 1.0 are the harshest test of a grammar: whatever they sample, the
/// output must parse and validate against its schema, and must finish within the token limit.
/// </summary>
public sealed class ConstrainedGenerationSweepTests
{
    private const int Seeds = 200;
    private const int MaxTokens = 400;
    private const string Prompt = "<|im_start|>user\nAnswer in JSON.<|im_end|>\n<|im_start|>assistant\n";

    /// <summary>
    /// Schemas whose output has no length bound (free property names, unanchored patterns, anything-goes
    /// schemas, unbounded recursion): a random-weight model rarely closes such a string or stops nesting, so
    /// they would only measure the token limit. The grammar tests cover their keywords with valid and
    /// invalid samples instead.
    /// </summary>
    private static readonly HashSet<string> Unbounded =
    [
        "additional-properties-schema", "additional-properties-true", "min-max-properties-additional", "nested-any-values",
        "pattern-unanchored", "long-string", "true-schema", "definitions-and-root-reference",
    ];

    public static TheoryData<string> BoundedSchemas()
    {
        var data = new TheoryData<string>();
        foreach (var schema in SchemaSuite.Cases.Where(schema => !Unbounded.Contains(schema.Name)))
        {
            data.Add(schema.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoundedSchemas))]
    public async Task GenerateAsync_EverySeedAtTemperatureOne_ValidatesAgainstTheSchema(string name)
    {
        var schema = SchemaSuite.Get(name).Schema;
        var grammar = JsonSchemaGrammarConverter.Convert(schema);
        var architecture = name.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? TestArchitecture.Qwen2 : TestArchitecture.Llama;
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(architecture), new SchedulerOptions { Slots = 8, ContextSize = 512, Threads = 2, QueueCapacity = Seeds }, "tiny");
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Seeds), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (seed, cancellationToken) =>
        {
            var options = new GenerationOptions
            {
                Grammar = grammar,
                MaxTokens = MaxTokens,
                Sampling = new SamplingOptions { Temperature = 1.0f, TopK = 0, TopP = 1, MinP = 0, Seed = (uint)seed },
            };
            var (text, stats) = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), options, cancellationToken));
            if (stats.FinishReason == FinishReason.Length)
            {
                failures.Add($"seed {seed}: cut off after {stats.CompletionTokens} tokens: {text}");
            }
            else if (!SchemaValidation.IsValid(schema, text))
            {
                failures.Add($"seed {seed}: invalid: {text}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Seeds} outputs failed for {name}:\n{string.Join('\n', failures.Take(5))}");
    }
}
