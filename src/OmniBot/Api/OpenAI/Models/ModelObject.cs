using OmniBot.Models.Store;

namespace OmniBot.Api.OpenAI.Models;

/// <summary>A model as OpenAI lists it: <c>name:tag</c>, when it was added to the store, and its owner.</summary>
public sealed record ModelObject(string Id, long Created, string OwnedBy)
{
    public const string Owner = "omnibot";

    public string Object => "model";

    public static ModelObject From(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new ModelObject(manifest.Ref.ToString(), manifest.AddedAt.ToUnixTimeSeconds(), Owner);
    }
}
