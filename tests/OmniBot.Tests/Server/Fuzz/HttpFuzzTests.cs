using Xunit.Abstractions;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OmniBot.Tests.Server.Fuzz;

/// <summary>
/// Thousands of seeded, mutated requests to every endpoint of both APIs against a real <c>omnibot serve</c> process:
/// none may answer with a 5xx other than 503 busy, drop its connection, stall a non-generating endpoint or take the
/// process down, and a normal request is answered correctly afterwards.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 2500;
    private const int Concurrency = 4;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("OMNIBOT_FUZZ_SEED"), out var seed) ? seed : 15;
    private static readonly TimeSpan RequestTimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>Set OMNIBOT_FUZZ_TRACE to log every request and answer; OMNIBOT_FUZZ_SEED explores other seeds.</summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("OMNIBOT_FUZZ_TRACE") is not null;

    [Fact]
    public async Task MutatedRequests_ToEveryEndpoint_NeverFailTheServer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var server = await ServeProcess.StartAsync(timeout.Token, "--parallel", "2", "--max-loaded-models", "4");
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = server.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var requests = BuildRequests();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var stalledGenerations = 0;
        var next = -1;
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < requests.Count && failures.Count < 10; index = Interlocked.Increment(ref next))
            {
                var request = requests[index];
                var outcome = await SendAsync(client, request, timeout.Token);
                statuses.AddOrUpdate($"{request.Path.Split('?')[0]} {outcome.Kind} {outcome.Status}", 1, (_, count) => count + 1);
                if (Trace)
                {
                    output.WriteLine($"{outcome.Status} {outcome.Detail} <- {request}");
                }

                if (outcome.Kind == Outcome.TimedOut.Kind && request.Generates)
                {
                    // Ollama's num_predict -1 and a JSON grammar without a length may generate until the client leaves.
                    Interlocked.Increment(ref stalledGenerations);
                    output.WriteLine($"ran past the time limit: {request}");
                }
                else if (outcome.Kind != Outcome.Answered.Kind)
                {
                    failures.Enqueue($"#{index} {outcome.Describe()}: {request}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        output.WriteLine(string.Join("\n", statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Value,5} {pair.Key}")));

        Assert.False(server.HasExited, $"omnibot serve exited with {(server.HasExited ? server.ExitCode : 0)}:\n{server.ErrorTail}");
        Assert.True(failures.IsEmpty, string.Join("\n", failures) + "\n--- server log ---\n" + server.ErrorTail);
        Assert.True(stalledGenerations < Requests / 50, $"{stalledGenerations} generations ran past {RequestTimeLimit}.");
        await AssertAnswersNormallyAsync(client, timeout.Token);
    }

    private static List<FuzzRequest> BuildRequests()
    {
        var mutator = new RequestMutator(Seed);
        var random = new Random(Seed);
        var requests = new List<FuzzRequest>(Requests);
        while (requests.Count < Requests)
        {
            if (random.Next(50) == 0)
            {
                requests.Add(mutator.MutateLogin());
            }
            else if (random.Next(10) == 0)
            {
                requests.Add(mutator.MutateGet(FuzzSeeds.Gets[random.Next(FuzzSeeds.Gets.Count)]));
            }
            else
            {
                var (path, body) = FuzzSeeds.Posts[random.Next(FuzzSeeds.Posts.Count)];
                requests.Add(mutator.Mutate(path, body));
            }
        }

        return requests;
    }

    private static async Task<Outcome> SendAsync(HttpClient client, FuzzRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RequestTimeLimit);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            var buffer = new byte[16 * 1024];
            var head = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(buffer, limit.Token)) > 0)
            {
                if (head.Length < 2048)
                {
                    head.Write(buffer, 0, Math.Min(read, 2048));
                }
            }

            var status = (int)response.StatusCode;
            return status >= 500 && status != (int)HttpStatusCode.ServiceUnavailable && !IsUpstreamFailure(request, status)
                ? Outcome.ServerError(status, Encoding.UTF8.GetString(head.ToArray()))
                : Outcome.Answered with { Status = status, Detail = Encoding.UTF8.GetString(head.ToArray()) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.TimedOut;
        }
        catch (HttpRequestException ex)
        {
            return Outcome.Dropped(ex);
        }
        catch (IOException ex)
        {
            return Outcome.Dropped(ex);
        }
    }

    /// <summary>A pull of a remote source on a machine without internet fails upstream: 502 names that, not a server fault.</summary>
    private static bool IsUpstreamFailure(FuzzRequest request, int status) =>
        status == (int)HttpStatusCode.BadGateway && request.Path.StartsWith("/api/pull", StringComparison.Ordinal);

    private static async Task AssertAnswersNormallyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var body = $$"""{"model":"{{OmniBotTestServer.Llama}}","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"temperature":0}""";
        using var response = await client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var reply = JsonDocument.Parse(text);
        var choice = reply.RootElement.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(5, reply.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    private sealed record Outcome(string Kind, string Detail)
    {
        public int Status { get; init; }

        public static readonly Outcome Answered = new("answered", "");
        public static readonly Outcome TimedOut = new("timed out", $"no complete answer within {RequestTimeLimit.TotalSeconds:0} s");

        public static Outcome ServerError(int status, string body) => new("server error", $"{status} {body}");

        public static Outcome Dropped(Exception ex) => new("dropped connection", ex.GetBaseException().Message);

        public string Describe() => $"{Kind} ({Detail})";
    }
}
