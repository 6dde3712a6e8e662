using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Server.Errors;
using OmniBot.Web.Components;
using OmniBot.Web.Persistence;

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
        builder.Services.AddModelPages();
        var keys = Path.Combine(dataDirectory, "keys");
        OwnerOnlyFiles.CreateDirectory(keys);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys));
        builder.Services.AddChatUi(dataDirectory);
        return builder;
    }

    public static WebApplication MapWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Unknown page addresses show the UI's not-found page; the APIs answer their own 404s in their own shapes.
        app.UseWhen(
            context => !ApiErrorWriter.IsOpenAIPath(context.Request.Path) && !ApiErrorWriter.IsOllamaPath(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing runs after the status-code pages so that a re-executed request is routed again.
        app.UseRouting();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
