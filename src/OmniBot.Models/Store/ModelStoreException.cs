namespace OmniBot.Models.Store;

/// <summary>A model store operation failed for a reason the user can act on; the message names the fix.</summary>
public class ModelStoreException : Exception
{
    public ModelStoreException(string message)
        : base(message)
    {
    }

    public ModelStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
