using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Store;
using OmniBot.Server;
using OmniBot.Server.Pulls;

namespace OmniBot.Cli;

/// <summary><c>omnibot serve</c>: the web UI and the OpenAI- and Ollama-compatible APIs on one local port.</summary>
internal static class ServeCommand
{
    public static Command Create(CliGlobalOptions globals, StoreCliOptions store)
    {
        var host = new Option<string>("--host") { Description = "Address to bind (default 127.0.0.1; anything else needs --api-key).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = $"Port (default {ServerOptions.DefaultPort}).", DefaultValueFactory = _ => ServerOptions.DefaultPort };
        var apiKey = new Option<string?>("--api-key") { Description = $"Require 'Authorization: Bearer KEY' on every route (default: ${ServerOptions.ApiKeyEnvironmentVariable})." };
        var apiKeyFile = new Option<string?>("--api-key-file") { Description = "Read the API key from this file (keeps it out of ps and shell history)." };
        var tlsCertificate = new Option<string?>("--tls-cert") { Description = "Serve HTTPS with this certificate (PEM, or PFX without a password)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The PEM private key of --tls-cert, when it is in a file of its own." };
        var origins = new Option<string[]>("--allowed-origin") { Description = "A web origin allowed to call the API from a browser (repeatable; * allows all).", AllowMultipleArgumentsPerToken = true };
        var hosts = new Option<string[]>("--allowed-host") { Description = "A host name the server answers to besides localhost (repeatable).", AllowMultipleArgumentsPerToken = true };
        var keepAlive = new Option<string>("--keep-alive") { Description = "How long an idle model stays loaded: 30s, 5m, 1h, 0 (unload at once) or -1 (forever).", DefaultValueFactory = _ => "5m" };
        var maxModels = new Option<int>("--max-loaded-models") { Description = "Models loaded at once (default 2).", DefaultValueFactory = _ => 2 };
        var slots = new Option<int>("--parallel") { Description = "Requests a model serves at once (slots, default 4).", DefaultValueFactory = _ => 4 };
        var context = new Option<int?>("--context") { Description = "Tokens of context per request (default 4096, or the model's own if smaller)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads per model (default: one per logical core)." };
        var draft = new Option<string?>("--draft") { Description = "A small model (path or store name) used as the draft for speculative decoding." };
        var kvCache = KvCacheTypeOption.Create();
        var allowPrivatePulls = new Option<bool>("--allow-private-pulls")
        {
            Description = "Let pulls requested over HTTP (the API, the web UI) reach loopback and private addresses, for your own mirror.",
        };
        var command = new Command("serve", "Serve the web UI and the OpenAI- and Ollama-compatible APIs (http://127.0.0.1:11435).")
        {
            host, port, apiKey, apiKeyFile, tlsCertificate, tlsKey, origins, hosts, keepAlive, maxModels, slots, context, threads, draft, kvCache, allowPrivatePulls,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using (var loggerFactory = globals.CreateLoggerFactory(parseResult))
            {
                if (!LlamaRuntime.IsInitialized)
                {
                    LlamaRuntime.Initialize(globals.CreateRuntimeOptions(parseResult), loggerFactory);
                }
            }

            var modelsDirectory = parseResult.GetValue(store.ModelsDirectory);
            var schedulerDefaults = new SchedulerOptions();
            var options = new ServerOptions
            {
                Host = parseResult.GetRequiredValue(host),
                Port = parseResult.GetValue(port),
                ApiKey = ApiKeySource.Resolve(parseResult.GetValue(apiKey), parseResult.GetValue(apiKeyFile)),
                TlsCertificatePath = parseResult.GetValue(tlsCertificate),
                TlsKeyPath = parseResult.GetValue(tlsKey),
                AllowedOrigins = parseResult.GetValue(origins) ?? [],
                AllowedHosts = parseResult.GetValue(hosts) ?? [],
                ModelsDirectory = modelsDirectory,
                DataDirectory = DataDirectory(),
                Pulls = new PullOptions { AllowPrivateAddresses = parseResult.GetValue(allowPrivatePulls) },
                Models = new ModelHostOptions
                {
                    KeepAlive = ParseKeepAlive(parseResult.GetRequiredValue(keepAlive)),
                    MaxLoadedModels = parseResult.GetValue(maxModels),
                    Load = new ModelLoadOptions { Threads = parseResult.GetValue(threads) },
                    Scheduler = schedulerDefaults with
                    {
                        Slots = parseResult.GetValue(slots),
                        ContextSize = parseResult.GetValue(context),
                        Threads = parseResult.GetValue(threads),
                        PromptCacheDirectory = Path.Combine(DataDirectory(), "cache"),
                        KvCacheType = parseResult.GetValue(kvCache),
                    },
                    DraftModelPath = parseResult.GetValue(draft) is { } draftName ? ModelPathResolver.Resolve(draftName, modelsDirectory) : null,
                },
            };

            WebApplication app;
            try
            {
                app = OmniBotServer.Build(options, builder =>
                {
                    // Logs go to stderr so stdout carries only what the command says (the address, then "Stopping").
                    builder.Logging.ClearProviders();
                    builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
                    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
                    builder.Logging.SetMinimumLevel(globals.IsVerbose(parseResult) ? LogLevel.Debug : LogLevel.Information);
                    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
                    builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
                    builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
                });
            }
            catch (ArgumentException ex)
            {
                throw new CliErrorException(ex.Message);
            }

            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    throw new CliErrorException($"Cannot listen on {options.Host}:{options.Port}: {ex.Message} Pick another port with --port.");
                }

                var output = parseResult.InvocationConfiguration.Output;
                await output.WriteLineAsync($"OmniBot is serving on {OmniBotServer.BaseAddress(app)} (models: {ModelStore.ResolveRoot(modelsDirectory)}). Press Ctrl+C to stop.").ConfigureAwait(false);
                try
                {
                    // Ctrl+C cancels the command; SIGTERM (a service manager, docker stop) stops the host itself.
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("Stopping…").ConfigureAwait(false);
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>$OMNIBOT_HOME</c>, else <c>~/.omnibot</c>: the database and prompt cache live here.</summary>
    public static string DataDirectory() =>
        NonEmpty(Environment.GetEnvironmentVariable(ModelStore.HomeEnvironmentVariable))
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".omnibot");

    private static TimeSpan ParseKeepAlive(string text) =>
        KeepAlive.TryParse(text, out var value) ? value : throw new CliErrorException($"--keep-alive '{text}' is not a duration: use 30s, 5m, 1h, 0 or -1.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
