using System.Security.Cryptography;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;

namespace OmniBot.Engine.Caching;

/// <summary>
/// KV caches of long prompts (system prompts, documents) kept on disk, keyed by the model and the tokens,
/// so that a later run or a restart starts from them instead of evaluating them again. Size-capped; the
/// least recently used entries go first. Files that are damaged or from another model are ignored.
/// Used only from the decode loop's thread.
/// </summary>
internal sealed class PersistentPromptCache
{
    private const string Extension = ".kvcache";
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly string _fingerprint;
    private readonly List<Entry> _entries = [];

    public PersistentPromptCache(string directory, long maxBytes, int minTokens, string fingerprint)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        MinTokens = minTokens;
        _fingerprint = fingerprint;
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (TryReadTokens(file) is { } tokens)
            {
                _entries.Add(new Entry(file, tokens, new FileInfo(file).Length) { LastUsed = File.GetLastWriteTimeUtc(file) });
            }
        }
    }

    public int MinTokens { get; }

    /// <summary>The saved state sharing the longest prefix with <paramref name="prompt"/>, if that prefix is longer than <paramref name="atLeast"/>.</summary>
    public (ConversationState State, int CommonPrefix)? Find(IReadOnlyList<int> prompt, int atLeast)
    {
        var best = _entries
            .Select(entry => (Entry: entry, Length: TokenSequences.CommonPrefixLength(entry.Tokens, prompt)))
            .Where(candidate => candidate.Length > atLeast && candidate.Length >= MinTokens)
            .OrderByDescending(candidate => candidate.Length)
            .FirstOrDefault();
        if (best.Entry is null)
        {
            return null;
        }

        try
        {
            using var file = File.OpenRead(best.Entry.Path);
            var state = ConversationState.ReadFrom(file);
            best.Entry.LastUsed = DateTime.UtcNow;
            File.SetLastWriteTimeUtc(best.Entry.Path, best.Entry.LastUsed);
            return (state, best.Length);
        }
        catch (Exception exception) when (exception is IOException or LlamaEngineException or UnauthorizedAccessException)
        {
            _entries.Remove(best.Entry);
            return null;
        }
    }

    /// <summary>Whether a state with these tokens adds something the cache does not hold yet.</summary>
    public bool IsWorthSaving(IReadOnlyList<int> tokens) =>
        tokens.Count >= MinTokens && !_entries.Any(entry => TokenSequences.CommonPrefixLength(entry.Tokens, tokens) >= tokens.Count * 9 / 10);

    public void Save(ConversationState state)
    {
        var name = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_fingerprint + ":" + string.Join(',', state.Tokens))))[..32];
        var path = Path.Combine(_directory, name + Extension);
        var temporary = path + ".tmp";
        try
        {
            using (var file = File.Create(temporary))
            {
                state.WriteTo(file);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException)
        {
            // A full or read-only disk costs only the cache, never the request.
            File.Delete(temporary);
            return;
        }

        _entries.RemoveAll(entry => entry.Path == path);
        _entries.Add(new Entry(path, state.Tokens.ToArray(), new FileInfo(path).Length) { LastUsed = DateTime.UtcNow });
        Evict();
    }

    private void Evict()
    {
        foreach (var entry in _entries.OrderBy(entry => entry.LastUsed).ToList())
        {
            if (_entries.Sum(candidate => candidate.Size) <= _maxBytes)
            {
                return;
            }

            File.Delete(entry.Path);
            _entries.Remove(entry);
        }
    }

    private int[]? TryReadTokens(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var state = ConversationState.ReadFrom(stream);
            return state.ModelFingerprint == _fingerprint ? state.Tokens.ToArray() : null;
        }
        catch (Exception exception) when (exception is IOException or LlamaEngineException or UnauthorizedAccessException)
        {
            return null;
        }
    }
    private sealed record Entry(string Path, int[] Tokens, long Size)
    {
        public DateTime LastUsed { get; set; }
    }
}
