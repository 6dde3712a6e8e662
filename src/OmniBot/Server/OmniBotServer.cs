using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniBot.Api.Ollama;
using OmniBot.Api.OpenAI;
using OmniBot.Engine.Hosting;
using OmniBot.Models.Store;
using OmniBot.Server.Errors;
using OmniBot.Server.Management;
using OmniBot.Server.Models;
using OmniBot.Server.Pulls;
using OmniBot.Server.Security;
using OmniBot.Web;

namespace OmniBot.Server;

/// <summary>
/// <c>omnibot serve</c>: one Kestrel server on one port for the web UI, the OpenAI-compatible <c>/v1</c> API,
/// the Ollama-compatible <c>/api</c> and the management routes, all over one in-process <see cref="ModelHost"/>.
/// </summary>
public static class OmniBotServer
{
    /// <summary>Builds the app; <paramref name="configure"/> lets tests and embedders add or replace services.</summary>
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(OmniBotServer).Assembly.GetName().Name,
        });
        var certificate = options.TlsCertificatePath is null ? null : ServerCertificate.Load(options.TlsCertificatePath, options.TlsKeyPath);
        builder.WebHost.UseKestrel(kestrel =>
        {
            void Listen(ListenOptions listen)
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }

            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
            if (options.Host == "localhost")
            {
                kestrel.ListenLocalhost(options.Port, Listen);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port, Listen);
            }
        });

        AddServices(builder.Services, options);
        builder.AddWebUi(options.DataDirectory ?? Path.GetDirectoryName(ModelStore.ResolveRoot(options.ModelsDirectory))!);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<AccessControlMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.MapLoginEndpoints();
        app.MapManagementEndpoints();
        app.MapOllamaEndpoints();
        app.MapOpenAIEndpoints();
        app.MapWebUi();
        app.MapFallback("/v1/{**path}", UnknownRoute);
        app.MapFallback("/api/{**path}", UnknownRoute);
        return app;
    }

    /// <summary>The address the server listens on once started (the real port when <see cref="ServerOptions.Port"/> is 0).</summary>
    public static Uri BaseAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has not started yet.");
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    private static IResult UnknownRoute(HttpContext context) =>
        ApiErrorWriter.Result(context, new ApiError(StatusCodes.Status404NotFound, "unknown_endpoint", $"There is no {context.Request.Method} {context.Request.Path} endpoint."));

    private static void AddServices(IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new AccessPolicy(options));
        services.AddSingleton<LoginSessions>();
        services.AddLoginRateLimit();
        services.AddSingleton(new ModelStore(ModelStore.ResolveRoot(options.ModelsDirectory)));
        services.AddSingleton<ServedModels>();
        services.AddSingleton<ServerMetrics>();
        services.AddModelPulls();
        services.AddSingleton(provider => new ModelHost(options.Models, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()));
        services.AddHttpClient();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
    }
}
