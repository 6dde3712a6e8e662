namespace OmniBot.Web.Persistence;

/// <summary>The database was written by a newer OmniBot whose schema this version does not know.</summary>
public sealed class DatabaseVersionException(string path, int foundVersion, int knownVersion)
    : Exception($"The database {path} has schema version {foundVersion}, but this OmniBot knows versions up to {knownVersion}: " +
        "it was written by a newer OmniBot. Upgrade OmniBot, or start it with another data folder (OMNIBOT_HOME).")
{
    public int FoundVersion { get; } = foundVersion;

    public int KnownVersion { get; } = knownVersion;
}
