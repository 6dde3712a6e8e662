using Microsoft.AspNetCore.Http;
using OmniBot.Models.Store;
using OmniBot.Server.Models;

namespace OmniBot.Api.OpenAI.Models;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>.</summary>
internal static class ModelsEndpoint
{
    public static IResult List(ServedModels models) =>
        Results.Json(new ModelList([.. models.List().Select(ModelObject.From)]), OpenAIJson.Options);

    /// <summary>One model; <c>name</c> alone means <c>name:latest</c>. Unknown names are 404 through the store's exception.</summary>
    public static IResult Get(string id, ServedModels models) =>
        Results.Json(ModelObject.From(models.Store.Get(ModelRef.Parse(id))), OpenAIJson.Options);
}
