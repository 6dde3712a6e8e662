using Microsoft.Extensions.DependencyInjection;
using OmniBot.Web.Backends;
using OmniBot.Web.Chat;
using OmniBot.Web.Markdown;
using OmniBot.Web.Persistence;

namespace OmniBot.Web;

/// <summary>The chat's services: the SQLite database and its repositories, the backends, and one chat session per browser tab.</summary>
public static class ChatUiServices
{
    /// <summary>The largest message from a page to the server: room for a pasted document of about a million characters.</summary>
    public const int MaxComposerBytes = 4 * 1024 * 1024;

    public static IServiceCollection AddChatUi(this IServiceCollection services, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddSingleton(_ => OmniBotDatabase.InDirectory(dataDirectory));
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<ConversationRepository>();
        services.AddSingleton<MessageRepository>();
        services.AddSingleton<BackendRepository>();
        services.AddSingleton<AppSettingsRepository>();
        services.AddSingleton<BackendCatalog>();
        services.AddSingleton<DemoTools>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<ChatGenerationTracker>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatGenerationTracker>());
        services.AddScoped<ChatSession>();

        // Blazor sends the composer's text to the server as the user types; SignalR's 32 KB default would drop the
        // page's connection when a long document is pasted in. Same-origin only, so this widens no attack surface.
        services.AddServerSideBlazor().AddHubOptions(hub => hub.MaximumReceiveMessageSize = MaxComposerBytes);
        return services;
    }
}
