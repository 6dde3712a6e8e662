using System.ClientModel;
using System.ClientModel.Primitives;
using OmniBot.Tests.Server;
using OpenAI;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>The official OpenAI SDK pointed at a test server's <c>/v1</c>, without retries so a failure shows at once.</summary>
internal static class OpenAITestClients
{
    public static OpenAIClient Create(OmniBotTestServer server) => new(
        new ApiKeyCredential("unused"),
        new OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "v1/"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(2),
        });
}
