namespace OmniBot.Engine.Hardware;

/// <summary>Reads small kernel-provided files, treating any failure as "not available".</summary>
internal static class ProcFiles
{
    public static string? TryReadAllText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
