namespace OmniBot.Engine.Speculation;

public enum SpeculationMode
{
    None,

    /// <summary>Guesses by finding the latest n tokens earlier in the prompt and reply (no draft model).</summary>
    PromptLookup,

    /// <summary>Guesses with a small draft model that shares the target's vocabulary.</summary>
    DraftModel,
}
