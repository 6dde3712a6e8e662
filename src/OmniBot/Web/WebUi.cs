using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Web.Components;

namespace OmniBot.Web;

/// <summary>The Blazor web UI (interactive server rendering) inside <c>omnibot serve</c>: one process, one port, no CDN.</summary>
public static class WebUi
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Serves wwwroot and blazor.web.js from a build output too (not only from a publish), in any environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        return builder;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
