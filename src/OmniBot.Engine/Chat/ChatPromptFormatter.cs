using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Formats a conversation with the model's chat template. Message content is rendered as a unique
/// placeholder and spliced back in as a content segment, so text a user types is never parsed for
/// control tokens while the template's own markup is.
/// </summary>
internal sealed class ChatPromptFormatter
{
    private const string ChatMlTemplate = "chatml";

    private readonly string _template;

    private ChatPromptFormatter(string template) => _template = template;

    public static ChatPromptFormatter ForModel(SafeLlamaModelHandle model, string? templateName)
    {
        var template = model.GetTemplate(templateName, strict: templateName is not null);
        if (template is null && templateName is not null)
        {
            throw new LlamaEngineException($"The model has no chat template named '{templateName}'. Leave the template name unset to use its default template.");
        }

        return new ChatPromptFormatter(template ?? ChatMlTemplate);
    }

    public IReadOnlyList<PromptSegment> Format(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var all = new List<(string Role, string Content)>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            all.Add(("system", options.Instructions));
        }

        all.AddRange(messages.Select(message => (message.Role.Value, message.Text)));
        var markers = all.Select((_, index) => $"\u0001omnibot-content-{Guid.NewGuid():N}-{index}\u0002").ToArray();
        var rendered = Apply(all.Select((message, index) => (message.Role, markers[index])).ToList());
        return Splice(rendered, markers, all.Select(message => message.Content).ToArray());
    }

    private static List<PromptSegment> Splice(string rendered, string[] markers, string[] contents)
    {
        var segments = new List<PromptSegment>();
        var cursor = 0;
        for (var i = 0; i < markers.Length; i++)
        {
            var at = rendered.IndexOf(markers[i], cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                // The template dropped this message (some drop empty system prompts).
                continue;
            }

            segments.Add(PromptSegment.Template(rendered[cursor..at]));
            segments.Add(PromptSegment.Content(contents[i]));
            cursor = at + markers[i].Length;
        }

        segments.Add(PromptSegment.Template(rendered[cursor..]));
        return segments.Where(segment => segment.Text.Length > 0).ToList();
    }

    private unsafe string Apply(List<(string Role, string Content)> messages)
    {
        var pinned = new List<GCHandle>();
        try
        {
            var native = new LLamaChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = Pin(messages[i].Role, pinned);
                native[i].content = Pin(messages[i].Content, pinned);
            }

            var template = Pin(_template, pinned);
            var buffer = new byte[4096];
            fixed (LLamaChatMessage* chat = native)
            {
                while (true)
                {
                    int length;
                    fixed (byte* output = buffer)
                    {
                        length = NativeApi.llama_chat_apply_template(template, chat, (nuint)native.Length, true, output, buffer.Length);
                    }

                    if (length < 0)
                    {
                        throw new LlamaEngineException("llama.cpp does not recognise this model's chat template. Pick another template name or use raw completion.");
                    }

                    if (length <= buffer.Length)
                    {
                        return Encoding.UTF8.GetString(buffer, 0, length);
                    }

                    buffer = new byte[length];
                }
            }
        }
        finally
        {
            foreach (var handle in pinned)
            {
                handle.Free();
            }
        }
    }

    private static unsafe byte* Pin(string text, List<GCHandle> pinned)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        pinned.Add(handle);
        return (byte*)handle.AddrOfPinnedObject();
    }
}
