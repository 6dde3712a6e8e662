using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>A download failed for good (after any retries); the message says what the source answered and what to do.</summary>
public class ModelDownloadException : ModelStoreException
{
    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
