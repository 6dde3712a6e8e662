using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OmniBot.Models.Downloads;

namespace OmniBot.Server.Pulls;

public static class PullServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ModelPullService"/> and its HTTP client under the <see cref="PullNetworkPolicy"/> of
    /// <see cref="ServerOptions.Pulls"/>: every connection checked against the address rule, redirects followed by
    /// the policy. Returns the client's builder, where tests add handlers (requests for huggingface.co sent to a
    /// loopback server); a <see cref="PullNetworkPolicy"/> registered before or after replaces the options' one.
    /// </summary>
    public static IHttpClientBuilder AddModelPulls(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => provider.GetRequiredService<ServerOptions>().Pulls.NetworkPolicy);
        services.TryAddSingleton<ModelPullService>();
        return services.AddHttpClient(ModelPullService.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<PullNetworkPolicy>().CreateConnectionHandler())
            .AddHttpMessageHandler(provider => provider.GetRequiredService<PullNetworkPolicy>().CreateRedirectHandler());
    }
}
