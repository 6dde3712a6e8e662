namespace OmniBot.Models.Downloads;

/// <summary>The server sent the whole file to a range request; the download restarts without ranges.</summary>
internal sealed class RangeIgnoredException : Exception
{
    public RangeIgnoredException()
        : base("The server ignored the Range header.")
    {
    }
}
