using System.CommandLine;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;

namespace OmniBot.Cli;

/// <summary>The arguments and flags of <c>omnibot run</c>.</summary>
internal sealed class RunCommandOptions
{
    public Argument<string> Model { get; } = new("MODEL") { Description = "A store model (name[:tag]) or a GGUF file." };

    public Argument<string?> Prompt { get; } = new("PROMPT") { Description = "Reply to this prompt and exit; without it, chat in the terminal.", Arity = ArgumentArity.ZeroOrOne };

    public Option<bool> Raw { get; } = new("--raw") { Description = "Plain completion of PROMPT, without the chat template." };

    public Option<float?> Temperature { get; } = new("--temperature") { Description = "Sampling temperature; 0 is greedy (default 0.8)." };

    public Option<int?> TopK { get; } = new("--top-k") { Description = "Keep the K most likely tokens (default 40; 0 disables)." };

    public Option<float?> TopP { get; } = new("--top-p") { Description = "Nucleus sampling threshold (default 0.95)." };

    public Option<float?> MinP { get; } = new("--min-p") { Description = "Drop tokens less likely than this fraction of the best (default 0.05)." };

    public Option<uint?> Seed { get; } = new("--seed") { Description = "Seed for reproducible sampling." };

    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "Stop the reply after this many tokens." };

    public Option<int?> ContextSize { get; } = new("--ctx") { Description = "Context size in tokens (default: the model's, at most 4096)." };

    public Option<int?> Threads { get; } = new("--threads") { Description = "CPU threads (default: one per core)." };

    public Option<string?> System { get; } = new("--system") { Description = "System prompt of the chat." };

    public Option<bool> Stats { get; } = new("--stats") { Description = "Print token counts, speed, prefix reuse and speculation counts to stderr." };

    public Option<string?> Draft { get; } = new("--draft") { Description = "A small model of the same family that guesses tokens for the model to verify (speculative decoding)." };

    public Option<int?> DraftMax { get; } = new("--draft-max") { Description = "Most tokens guessed per step (default 8)." };

    public Option<FileInfo?> JsonSchema { get; } = new("--json-schema") { Description = "Constrain the reply to JSON valid against this JSON Schema file." };

    public Option<FileInfo?> Grammar { get; } = new("--grammar") { Description = "Constrain the reply to this GBNF grammar file." };

    public Option<FileInfo?> Session { get; } = new("--session") { Description = "Continue the conversation saved in this file (history and KV cache) and save it after each reply." };

    public Option<bool> Lookup { get; } = new("--lookup") { Description = "Speculate by prompt lookup: reuse text that followed the same words earlier (no draft model)." };

    public Option<KvCacheType> KvCache { get; } = KvCacheTypeOption.Create();

    public void AddTo(Command command)
    {
        command.Arguments.Add(Model);
        command.Arguments.Add(Prompt);
        foreach (var option in new Option[] { Raw, Temperature, TopK, TopP, MinP, Seed, MaxTokens, ContextSize, Threads, System, Stats, Draft, DraftMax, Lookup, KvCache, JsonSchema, Grammar, Session })
        {
            command.Options.Add(option);
        }
    }

    public SpeculationOptions Speculation(ParseResult parseResult)
    {
        var mode = parseResult.GetValue(Draft) is not null ? SpeculationMode.DraftModel
            : parseResult.GetValue(Lookup) ? SpeculationMode.PromptLookup
            : SpeculationMode.None;
        var options = new SpeculationOptions { Mode = mode, MaxDraftTokens = parseResult.GetValue(DraftMax) ?? 8 };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new CliErrorException(exception.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }

        return options;
    }

    /// <summary>The grammar of --json-schema or --grammar; errors name the file and what is wrong.</summary>
    public Gbnf? Constraint(ParseResult parseResult)
    {
        var schema = parseResult.GetValue(JsonSchema);
        var grammar = parseResult.GetValue(Grammar);
        if (schema is not null && grammar is not null)
        {
            throw new CliErrorException("Give --json-schema or --grammar, not both.");
        }

        var file = schema ?? grammar;
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new CliErrorException($"'{file.FullName}' does not exist.");
        }

        var text = File.ReadAllText(file.FullName);
        try
        {
            return schema is not null ? JsonSchemaGrammarConverter.Convert(text) : GbnfGrammar.Parse(text).ToGbnf();
        }
        catch (Exception exception) when (exception is GrammarConversionException or GbnfParseException or global::System.Text.Json.JsonException)
        {
            throw new CliErrorException($"{file.Name}: {exception.Message}");
        }
    }

    public SamplingOptions Sampling(ParseResult parseResult)
    {
        var defaults = SamplingOptions.Default;
        var sampling = defaults with
        {
            Temperature = parseResult.GetValue(Temperature) ?? defaults.Temperature,
            TopK = parseResult.GetValue(TopK) ?? defaults.TopK,
            TopP = parseResult.GetValue(TopP) ?? defaults.TopP,
            MinP = parseResult.GetValue(MinP) ?? defaults.MinP,
            Seed = parseResult.GetValue(Seed),
        };
        try
        {
            sampling.Validate();
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new CliErrorException(exception.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }

        return sampling;
    }
}
