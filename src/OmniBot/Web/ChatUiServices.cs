using Microsoft.Extensions.DependencyInjection;
using OmniBot.Web.Backends;
using OmniBot.Web.Chat;
using OmniBot.Web.Markdown;
using OmniBot.Web.Persistence;

namespace OmniBot.Web;

/// <summary>The chat's services: the SQLite database and its repositories, the backends, and one chat session per browser tab.</summary>
public static class ChatUiServices
{
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
        return services;
    }
}
