using Microsoft.Extensions.DependencyInjection;
using OmniBot.Web.Hardware;
using OmniBot.Web.Library;

namespace OmniBot.Web;

/// <summary>The services behind the model library and hardware pages.</summary>
public static class ModelPagesServices
{
    public static IServiceCollection AddModelPages(this IServiceCollection services)
    {
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<ModelFitEstimator>();
        return services;
    }
}
