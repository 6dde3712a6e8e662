namespace OmniBot.TestModels;

/// <summary>
/// The project's shared reference data (<c>shared/</c> beside the repository: the real embedding model and
/// the chat-template corpus). Found through <c>OMNIBOT_SHARED_DIR</c>, else by walking up from the test
/// assembly looking for <c>shared/</c> or a sibling <c>../shared/</c>.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "OMNIBOT_SHARED_DIR";

    private static readonly Lazy<string> Root = new(Find);

    public static string Directory => Root.Value;

    public static string ModelsDirectory => Path.Combine(Root.Value, "models");

    public static string ChatTemplatesDirectory => Path.Combine(Root.Value, "chat-templates");

    public static string MiniLmModelPath => Path.Combine(ModelsDirectory, "all-MiniLM-L6-v2.f16.gguf");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return IsShared(configured)
                ? Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}='{configured}' does not hold models/ and chat-templates/.");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "shared"), Path.Combine(directory.FullName, "..", "shared") })
            {
                if (IsShared(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"The shared reference data (shared/models and shared/chat-templates) was not found above {AppContext.BaseDirectory}; " +
            $"put the shared folder beside the repository or set {EnvironmentVariable}.");
    }

    private static bool IsShared(string candidate) =>
        File.Exists(Path.Combine(candidate, "models", "all-MiniLM-L6-v2.f16.gguf"))
        && File.Exists(Path.Combine(candidate, "chat-templates", "expected", "index.json"));
}
