namespace OmniBot.Web.Hardware;

/// <summary>Whether a model would load with the server's context settings, by the memory estimate.</summary>
public enum FitVerdict
{
    /// <summary>Needs well under what is free.</summary>
    Fits,

    /// <summary>Loads, but needs most of what is free: other programs or a longer context could push it over.</summary>
    Tight,

    /// <summary>Needs more than is free; loading it is refused.</summary>
    DoesNotFit,

    /// <summary>The model file could not be read, so there is no estimate.</summary>
    Unknown,
}
