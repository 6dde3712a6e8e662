using System.CommandLine;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;

namespace OmniBot.Cli;

/// <summary>
/// <c>omnibot pull SOURCE|NAME[:TAG] [--name NAME[:TAG]] [--sha256 HEX]</c>: downloads a model into the store,
/// resuming an earlier interrupted pull. A progress bar on a terminal, a line per 10% elsewhere.
/// </summary>
internal static class PullCommand
{
    public static Command Create(StoreCliOptions options)
    {
        var source = new Argument<string>("SOURCE")
        {
            Description = "hf:OWNER/REPO:QUANT, hf:OWNER/REPO/FILE.gguf[@REVISION], https://…/FILE.gguf, a local file, or a catalog name such as qwen2.5:0.5b.",
        };
        var name = new Option<string?>("--name") { Description = "Store it as NAME[:TAG] (default: the catalog name, or one derived from the source)." };
        var sha256 = new Option<string?>("--sha256") { Description = "The expected sha256, for sources that publish none." };
        var command = new Command("pull", "Download a model into the store (resumes interrupted downloads).") { source, name, sha256 };
        command.SetAction((parseResult, cancellationToken) => StoreCliOptions.RunAsync(async () =>
        {
            var target = parseResult.GetValue(name) is { } given ? StoreCliOptions.ParseName(given) : (ModelRef?)null;
            var expected = parseResult.GetValue(sha256);
            if (expected is not null && !BlobDigest.IsSha256Hex(expected.Replace(BlobDigest.Prefix, string.Empty, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliErrorException($"--sha256 '{expected}' is not a sha256 digest: give 64 hex digits.");
            }

            var manifest = await PullAsync(parseResult, options.OpenStore(parseResult), parseResult.GetRequiredValue(source), target, expected, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine($"pulled '{manifest.Ref}' ({manifest.ShortId}, {StoreFormat.Size(manifest.Size)})");
            return 0;
        }));
        return command;
    }

    /// <summary>Pulls a source into the store with progress on stderr; <c>run</c> uses it for catalog names not pulled yet.</summary>
    public static async Task<ModelManifest> PullAsync(ParseResult parseResult, ModelStore store, string what, ModelRef? target, string? expected, CancellationToken cancellationToken)
    {
        // The user at this terminal may pull from anywhere, a mirror on the LAN or on this machine included.
        using var http = PullNetworkPolicy.Unrestricted.CreateHttpClient();
        var puller = new ModelPuller(store, new ModelDownloader(http), new ModelSourceResolver(http));
        return await PullProgressView.RunAsync(
            parseResult.InvocationConfiguration.Error,
            progress => puller.PullAsync(what, target, expected, progress, cancellationToken)).ConfigureAwait(false);
    }
}
