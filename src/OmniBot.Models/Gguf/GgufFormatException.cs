namespace OmniBot.Models.Gguf;

/// <summary>
/// A GGUF file is malformed: it is damaged, truncated, or not a GGUF model at all. Says what is wrong
/// (<see cref="Problem"/>), where (<see cref="Offset"/> in the file, <see cref="Region"/> such as
/// "metadata key #12 'llama.block_count'") and in which file.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException()
        : this("The GGUF file is malformed.")
    {
    }

    public GgufFormatException(string message)
        : base(message)
    {
        Problem = message;
        Region = "unknown";
    }

    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
        Region = "unknown";
    }

    public GgufFormatException(string problem, long offset, string region, string? filePath = null)
        : base(FormatMessage(problem, offset, region, filePath))
    {
        Problem = problem;
        Offset = offset;
        Region = region;
        FilePath = filePath;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The byte offset in the file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The part of the file: "header", "metadata key #3 'general.name'", "tensor info #0 'token_embd.weight'", "tensor data".</summary>
    public string Region { get; }

    public string? FilePath { get; }

    private static string FormatMessage(string problem, long offset, string region, string? filePath) =>
        $"{(filePath is null ? "GGUF data" : $"'{filePath}'")} is not a valid GGUF model: {problem} "
        + $"(at byte {offset}, in {region}). The file is damaged, truncated or not a GGUF model: download or convert it again.";
}
