using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Sessions;

namespace OmniBot.Cli;

/// <summary>
/// <c>omnibot run MODEL [PROMPT]</c>: with a prompt, prints the reply and exits; without one, a terminal
/// chat (streaming, <c>/bye</c>, <c>/clear</c>, Ctrl+C stops the current reply).
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliGlobalOptions globals, TextReader input)
    {
        var options = new RunCommandOptions();
        var command = new Command("run", "Chat with a model, or complete one prompt and exit.");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, globals, options, input, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CliGlobalOptions globals, RunCommandOptions options, TextReader input, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var modelName = parseResult.GetRequiredValue(options.Model);
        await PullFromCatalogIfMissingAsync(parseResult, modelName, cancellationToken).ConfigureAwait(false);
        var modelPath = ModelPathResolver.Resolve(parseResult, modelName);

        // Bad flags fail before the model is loaded.
        var sampling = options.Sampling(parseResult);
        var speculation = options.Speculation(parseResult);
        var constraint = options.Constraint(parseResult);

        using var loggerFactory = globals.CreateLoggerFactory(parseResult);
        if (!LlamaRuntime.IsInitialized)
        {
            LlamaRuntime.Initialize(globals.CreateRuntimeOptions(parseResult), loggerFactory);
        }

        var context = parseResult.GetValue(options.ContextSize);
        var threads = parseResult.GetValue(options.Threads);
        using var model = await LlamaModel.LoadAsync(
            modelPath,
            new ModelLoadOptions { ContextSize = context ?? ModelLoadOptions.DefaultContextSize, Threads = threads },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        using var draft = parseResult.GetValue(options.Draft) is { } draftName
            ? await LlamaModel.LoadAsync(ModelPathResolver.Resolve(parseResult, draftName), new ModelLoadOptions { ContextSize = context ?? ModelLoadOptions.DefaultContextSize, Threads = threads }, cancellationToken: cancellationToken).ConfigureAwait(false)
            : null;
        // Long prompts' KV caches are kept beside the model store (~/.omnibot/cache) for later runs.
        var promptCache = Path.Combine(Path.GetDirectoryName(Models.Store.ModelStore.ResolveRoot(parseResult.GetValue<string?>(StoreCliOptions.ModelsDirectoryName)))!, "cache");
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = context, Threads = threads, PromptCacheDirectory = promptCache, KvCacheType = parseResult.GetValue(options.KvCache) }, loggerFactory, draft);

        var maxTokens = parseResult.GetValue(options.MaxTokens);
        var prompt = parseResult.GetValue(options.Prompt);
        var stats = parseResult.GetValue(options.Stats) ? error : null;
        if (parseResult.GetValue(options.Raw))
        {
            var text = prompt ?? throw new CliErrorException("--raw needs a PROMPT: raw completion continues the given text.");
            var generation = new GenerationOptions { Sampling = sampling, MaxTokens = maxTokens, Speculation = speculation, Grammar = constraint };
            await StreamCompletionAsync(scheduler, text, generation, output, stats, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        using var client = new LlamaChatClient(scheduler, new LlamaChatClientOptions { DefaultSampling = sampling, DefaultSpeculation = speculation, DefaultGrammar = constraint });
        var chatOptions = new ChatOptions { MaxOutputTokens = maxTokens };
        var session = new LlamaChatSession(client, parseResult.GetValue(options.System), chatOptions);
        var sessionFile = parseResult.GetValue(options.Session);
        if (sessionFile is { Exists: true })
        {
            await session.LoadAsync(sessionFile.FullName, cancellationToken).ConfigureAwait(false);
        }

        Func<Task> save = sessionFile is null ? () => Task.CompletedTask : () => session.SaveAsync(sessionFile.FullName, cancellationToken);
        if (prompt is not null)
        {
            await StreamReplyAsync(session, prompt, output, stats, cancellationToken).ConfigureAwait(false);
            await save().ConfigureAwait(false);
            return 0;
        }

        await new InteractiveChat(session, input, output, error, stats, save).RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Like Ollama, <c>run</c> pulls a recommended model the first time it is named.</summary>
    private static async Task PullFromCatalogIfMissingAsync(ParseResult parseResult, string modelName, CancellationToken cancellationToken)
    {
        if (File.Exists(modelName) || !Models.Store.ModelRef.TryParse(modelName, out var reference) || Models.Catalog.ModelCatalog.Find(reference) is null)
        {
            return;
        }

        var store = StoreCliOptions.OpenStore(parseResult.GetValue<string?>(StoreCliOptions.ModelsDirectoryName));
        if (store.Find(reference) is null)
        {
            await PullCommand.PullAsync(parseResult, store, modelName, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task StreamCompletionAsync(InferenceScheduler scheduler, string prompt, GenerationOptions generation, TextWriter output, TextWriter? stats, CancellationToken cancellationToken)
    {
        await foreach (var update in scheduler.CompleteStreamingAsync(prompt, generation, cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(update.Text).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (update.Stats is { } finished && stats is not null)
            {
                await WriteStatsAsync(stats, finished).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
    }

    internal static async Task StreamReplyAsync(LlamaChatSession session, string prompt, TextWriter output, TextWriter? stats, CancellationToken cancellationToken)
    {
        await foreach (var piece in session.PromptStreamingAsync(prompt, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(piece).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        if (stats is not null && session.LastResponse is { Usage: { } usage } response)
        {
            var extra = response.AdditionalProperties ?? response.Messages.LastOrDefault()?.AdditionalProperties;
            await stats.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"prompt tokens: {usage.InputTokenCount} ({usage.CachedInputTokenCount} reused), reply tokens: {usage.OutputTokenCount}, " +
                $"{extra?.GetValueOrDefault("completion_tokens_per_second"):0.0} tokens/s, drafted: {extra?.GetValueOrDefault("draft_tokens") ?? 0}, accepted: {extra?.GetValueOrDefault("accepted_draft_tokens") ?? 0}")).ConfigureAwait(false);
        }
    }

    private static Task WriteStatsAsync(TextWriter stats, GenerationStats finished) =>
        stats.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"prompt: {finished.PromptTokens} tokens ({finished.PromptTokensReused} reused, {finished.PromptTokensEvaluated} evaluated) at {finished.PromptTokensPerSecond:F1} tokens/s; " +
            $"reply: {finished.CompletionTokens} tokens at {finished.CompletionTokensPerSecond:F1} tokens/s; time to first token {finished.TimeToFirstToken.TotalMilliseconds:F0} ms; " +
            $"drafted: {finished.DraftTokens}, accepted: {finished.AcceptedDraftTokens}; finish: {finished.FinishReason}"));
}
