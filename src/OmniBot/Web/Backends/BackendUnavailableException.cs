namespace OmniBot.Web.Backends;

/// <summary>A remote backend could not be reached or did not answer as its kind should.</summary>
public sealed class BackendUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
