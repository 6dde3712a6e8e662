namespace OmniBot.Models.Store;

/// <summary>A model name or tag uses characters the store refuses; the message says which and what is allowed.</summary>
public sealed class InvalidModelNameException : ModelStoreException
{
    public InvalidModelNameException(string message)
        : base(message)
    {
    }
}
