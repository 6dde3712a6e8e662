using OmniBot.Engine.Hosting;
using OmniBot.Models.Store;

namespace OmniBot.Server.Models;

/// <summary>The store's models as the HTTP APIs name them: <c>name</c> means <c>name:latest</c>, as in Ollama.</summary>
public sealed class ServedModels(ModelStore store)
{
    public ModelStore Store => store;

    /// <summary>The model to host for a request naming <paramref name="model"/>.</summary>
    /// <exception cref="InvalidModelNameException">The name is not a valid model name.</exception>
    /// <exception cref="ModelNotFoundException">No such model in the store.</exception>
    public ModelSpec Resolve(string? model, int? contextSize = null)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("The request names no model: set \"model\" to a name from the model list.", nameof(model));
        }

        var name = ModelRef.Parse(model.Trim());
        var manifest = store.Get(name);
        return new ModelSpec(manifest.Ref.ToString(), store.GetModelPath(name), contextSize);
    }

    /// <summary>The store's models, newest first.</summary>
    public IReadOnlyList<ModelManifest> List() => [.. store.List().OrderByDescending(manifest => manifest.AddedAt)];
}
