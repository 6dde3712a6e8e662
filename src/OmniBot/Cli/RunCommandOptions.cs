using System.CommandLine;
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

    public Option<bool> Lookup { get; } = new("--lookup") { Description = "Speculate by prompt lookup: reuse text that followed the same words earlier (no draft model)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Model);
        command.Arguments.Add(Prompt);
        foreach (var option in new Option[] { Raw, Temperature, TopK, TopP, MinP, Seed, MaxTokens, ContextSize, Threads, System, Stats, Draft, DraftMax, Lookup })
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
