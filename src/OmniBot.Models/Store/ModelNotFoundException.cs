namespace OmniBot.Models.Store;

/// <summary>No manifest in the store has this name and tag.</summary>
public sealed class ModelNotFoundException : ModelStoreException
{
    public ModelNotFoundException(ModelRef model, string root)
        : base($"No model '{model}' in the store at '{root}'. See 'omnibot list' for what is there, or pull it with 'omnibot pull {model}'.")
    {
        Model = model;
    }

    public ModelRef Model { get; }
}
