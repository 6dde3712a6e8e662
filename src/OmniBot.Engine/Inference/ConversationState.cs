using System.Text;
using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Inference;

/// <summary>
/// A conversation's evaluated tokens and their KV cache, saved from a slot so that a later run (or another
/// process) continues without evaluating the conversation again. Tied to the model it came from.
/// </summary>
public sealed record ConversationState(string ModelFingerprint, IReadOnlyList<int> Tokens, byte[] KvCache)
{
    private static readonly byte[] Magic = "OMNISTA1"u8.ToArray();

    public void WriteTo(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(ModelFingerprint);
        writer.Write(Tokens.Count);
        foreach (var token in Tokens)
        {
            writer.Write(token);
        }

        writer.Write(KvCache.Length);
        writer.Write(KvCache);
    }

    /// <exception cref="LlamaEngineException">The data is not a conversation state, or is damaged.</exception>
    public static ConversationState ReadFrom(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new LlamaEngineException("This is not an OmniBot conversation state file.");
            }

            var fingerprint = reader.ReadString();
            var count = reader.ReadInt32();
            var remaining = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
            if (count < 0 || (long)count * 4 > remaining)
            {
                throw new LlamaEngineException("The conversation state file is damaged (token count).");
            }

            var tokens = new int[count];
            for (var i = 0; i < count; i++)
            {
                tokens[i] = reader.ReadInt32();
            }

            var length = reader.ReadInt32();
            remaining = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
            if (length < 0 || length > remaining)
            {
                throw new LlamaEngineException("The conversation state file is damaged (cache size).");
            }

            return new ConversationState(fingerprint, tokens, reader.ReadBytes(length));
        }
        catch (EndOfStreamException exception)
        {
            throw new LlamaEngineException("The conversation state file is damaged (it ends too early).", exception);
        }
    }
}
