using OmniBot.Models.Store;

namespace OmniBot.Web.Library;

/// <summary>One installed name:tag as the library lists it, and whether the model host has it loaded now.</summary>
public sealed record InstalledModel(ModelManifest Manifest, bool Loaded)
{
    public ModelRef Ref => Manifest.Ref;
}
