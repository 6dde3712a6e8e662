namespace OmniBot.Models.Downloads;

/// <summary>The volume holding the models folder has too little room for the download.</summary>
public sealed class InsufficientDiskSpaceException : ModelDownloadException
{
    public InsufficientDiskSpaceException(string directory, long needed, long available)
        : base($"Downloading needs {needed:N0} more bytes in '{directory}', but only {available:N0} are free. Free some space (omnibot rm) or use --models-dir on a larger disk.")
    {
        Needed = needed;
        Available = available;
    }

    public InsufficientDiskSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Needed { get; }

    public long Available { get; }
}
