using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>
/// A real Kestrel server on 127.0.0.1 serving files with HTTP Range support, a fake Hugging Face tree API,
/// and faults injected per request (error statuses, connections cut mid-body, stalls).
/// </summary>
internal sealed class LoopbackModelServer : IAsyncDisposable
{
    private const int ChunkSize = 16 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _trees = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Uri Target, int Status)> _redirects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ServerFault> _faults = new();

    private LoopbackModelServer(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when a stall fault has sent its bytes and is holding the connection open.</summary>
    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<LoopbackModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new LoopbackModelServer(builder.Build());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri AddFile(string path, byte[] content, bool supportsRanges = true, string? etag = null, bool sendLength = true)
    {
        _files[path] = new ServedFile(content, supportsRanges, etag, sendLength);
        return new Uri(BaseUri, path.TrimStart('/'));
    }

    /// <summary>Answers requests for <paramref name="path"/> with a redirect to <paramref name="target"/> (any request method, any range).</summary>
    public Uri AddRedirect(string path, Uri target, int status = StatusCodes.Status302Found)
    {
        _redirects[path] = (target, status);
        return new Uri(BaseUri, path.TrimStart('/'));
    }

    /// <summary>Serves a repository the way Hugging Face does: the tree API and /resolve/ downloads.</summary>
    public void AddRepository(string owner, string repo, IEnumerable<(string Path, byte[] Content)> files, string revision = "main", Func<string, byte[], string>? publishedSha256 = null)
    {
        var entries = new List<object>();
        foreach (var (path, content) in files)
        {
            AddFile($"/{owner}/{repo}/resolve/{revision}/{path}", content);
            var sha = publishedSha256?.Invoke(path, content) ?? Sha256Hex(content);
            entries.Add(new { type = "file", oid = "0123abcd", size = content.Length, path, lfs = new { oid = sha, size = content.Length, pointerSize = 134 } });
        }

        entries.Add(new { type = "file", oid = "4567", size = 1200, path = "README.md" });
        entries.Add(new { type = "directory", oid = "89ab", size = 0, path = "extra" });
        _trees[$"/api/models/{owner}/{repo}/tree/{revision}"] = JsonSerializer.Serialize(entries);
    }

    /// <summary>Queues a fault for the next download request (probes for the size are spared).</summary>
    public void EnqueueFault(ServerFault fault) => _faults.Enqueue(fault);

    public IReadOnlyList<RecordedRequest> RequestsFor(string pathSuffix) =>
        Requests.Where(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal)).ToArray();

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = Uri.UnescapeDataString(request.Path.Value ?? "/");
        Requests.Enqueue(new RecordedRequest(path, request.Headers.Range.FirstOrDefault(), request.Headers.Authorization.FirstOrDefault(), request.Headers.IfRange.FirstOrDefault()));
        if (_redirects.TryGetValue(path, out var redirect))
        {
            context.Response.StatusCode = redirect.Status;
            context.Response.Headers.Location = redirect.Target.AbsoluteUri;
            return;
        }

        if (path.StartsWith("/api/models/", StringComparison.Ordinal))
        {
            await ServeTreeAsync(context, path);
            return;
        }

        if (!_files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Faults hit downloads, never the one-byte probe that asks for the size.
        var isProbe = request.Headers.Range.FirstOrDefault() == "bytes=0-0";
        var fault = !isProbe && _faults.TryDequeue(out var next) ? next : null;
        if (fault?.Status is { } status)
        {
            context.Response.StatusCode = status;
            if (fault.Reason is { } reason)
            {
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = reason;
            }

            if (fault.Body is { } text)
            {
                await context.Response.WriteAsync(text);
            }

            return;
        }

        var (start, end) = (0L, file.Content.LongLength);
        var range = request.Headers.Range.FirstOrDefault();
        var ifRange = request.Headers.IfRange.FirstOrDefault();
        var rangeApplies = file.SupportsRanges && range is not null && (ifRange is null || ifRange == file.ETag);
        if (rangeApplies && TryParseRange(range!, file.Content.LongLength, out var from, out var to))
        {
            (start, end) = (from, to + 1);
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {start}-{end - 1}/{file.Content.LongLength}";
        }

        if (file.SupportsRanges)
        {
            context.Response.Headers.AcceptRanges = "bytes";
        }

        if (file.ETag is not null)
        {
            context.Response.Headers.ETag = file.ETag;
        }

        if (file.SendLength)
        {
            context.Response.ContentLength = end - start;
        }

        await WriteBodyAsync(context, file.Content, start, end, fault);
    }

    private async Task WriteBodyAsync(HttpContext context, byte[] content, long start, long end, ServerFault? fault)
    {
        var limit = fault?.DropAfterBytes ?? fault?.StallAfterBytes;
        var sent = 0L;
        for (var position = start; position < end; position += ChunkSize)
        {
            var count = (int)Math.Min(ChunkSize, end - position);
            if (limit is { } cut && sent + count > cut)
            {
                count = (int)(cut - sent);
            }

            if (count > 0)
            {
                await context.Response.Body.WriteAsync(content.AsMemory((int)position, count), context.RequestAborted);
                sent += count;
            }

            if (limit is { } reached && sent >= reached)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (fault!.StallAfterBytes is not null)
                {
                    Stalled.TrySetResult();
                    // Hold the connection until the client goes away, as the stall intends.
                    var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    using (context.RequestAborted.Register(() => aborted.TrySetResult()))
                    {
                        await aborted.Task;
                    }
                }

                context.Abort();
                return;
            }
        }
    }

    private async Task ServeTreeAsync(HttpContext context, string path)
    {
        if (!_trees.TryGetValue(path, out var json))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private static bool TryParseRange(string header, long length, out long from, out long to)
    {
        from = 0;
        to = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header["bytes=".Length..].Split('-');
        from = long.Parse(parts[0], CultureInfo.InvariantCulture);
        to = parts[1].Length > 0 ? Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), length - 1) : length - 1;
        return from <= to;
    }

    private sealed record ServedFile(byte[] Content, bool SupportsRanges, string? ETag, bool SendLength);
}
