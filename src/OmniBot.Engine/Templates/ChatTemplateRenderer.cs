using System.Text.Json;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates;

/// <summary>
/// Renders a conversation with a model's own chat template exactly as transformers' <c>apply_chat_template</c> does
/// (variables <c>messages</c>, <c>tools</c>, <c>documents</c>, <c>add_generation_prompt</c>, <c>bos_token</c>,
/// <c>eos_token</c>, plus extra variables), and reports which characters of the prompt came from the conversation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Content safety.</b> A user who types <c>&lt;|im_end|&gt;</c> must not end their turn. So every string the renderer
/// takes from <see cref="ChatTemplateRequest.Messages"/>, <see cref="ChatTemplateRequest.Tools"/> and
/// <see cref="ChatTemplateRequest.Documents"/> (message text, parts, reasoning, tool-call names, ids and arguments,
/// roles, tool definitions, dictionary keys) is marked as <i>content</i>. The marks follow each character through
/// whatever the template does with it: slicing, <c>strip</c>, <c>split</c>, <c>replace</c>, <c>+</c>/<c>~</c>,
/// <c>join</c>, <c>upper</c>, <c>indent</c>, <c>format</c>, <c>tojson</c>, <c>repr</c> of lists and dicts, macro output.
/// Template literals, <c>bos_token</c>/<c>eos_token</c> and <see cref="ChatTemplateRequest.AdditionalVariables"/>
/// are <i>template text</i>.
/// </para>
/// <para>
/// <see cref="RenderedChatPrompt.Segments"/> gives the prompt as alternating template and content stretches. Tokenize
/// template segments with special-token parsing and content segments without it. Because splitting can change how
/// text next to a boundary tokenizes, the engine may instead tokenize the whole text at once whenever
/// <see cref="RenderedChatPrompt.ContentContainsAny"/> says no special-token text overlaps content, which is then
/// both safe and identical to transformers.
/// </para>
/// <para>An instance is immutable and can render concurrently.</para>
/// </remarks>
public sealed class ChatTemplateRenderer
{
    private static readonly HashSet<string> ReservedVariables = ["messages", "tools", "documents", "add_generation_prompt"];

    /// <summary>Creates a renderer for a parsed template and the model's special tokens.</summary>
    public ChatTemplateRenderer(JinjaTemplate template, string bosToken = "", string eosToken = "")
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(bosToken);
        ArgumentNullException.ThrowIfNull(eosToken);
        Template = template;
        BosToken = bosToken;
        EosToken = eosToken;
    }

    /// <summary>
    /// The ChatML template transformers used as its default, for models that ship no template of their own.
    /// </summary>
    public static string DefaultChatMLTemplate =>
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
        + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    /// <summary>The template.</summary>
    public JinjaTemplate Template { get; }

    /// <summary>The value of <c>bos_token</c>.</summary>
    public string BosToken { get; }

    /// <summary>The value of <c>eos_token</c>.</summary>
    public string EosToken { get; }

    /// <summary>
    /// Picks one of a model's named templates (<c>tokenizer.chat_template.NAME</c>) the way transformers does: the one asked
    /// for by name, else <c>tool_use</c> when tools are passed and it exists, else <c>default</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No template fits; the message lists the names there are.</exception>
    public static string SelectTemplate(IReadOnlyDictionary<string, string> namedTemplates, string? name, bool hasTools)
    {
        ArgumentNullException.ThrowIfNull(namedTemplates);
        if (name is not null)
        {
            return namedTemplates.TryGetValue(name, out var named)
                ? named
                : throw new ArgumentException($"The model has no chat template named '{name}'; it has: {string.Join(", ", namedTemplates.Keys)}.", nameof(name));
        }

        if (hasTools && namedTemplates.TryGetValue("tool_use", out var toolUse))
        {
            return toolUse;
        }

        return namedTemplates.TryGetValue("default", out var fallback)
            ? fallback
            : throw new ArgumentException(
                $"The model has several chat templates ({string.Join(", ", namedTemplates.Keys)}) and none is named 'default'; choose one by name.",
                nameof(namedTemplates));
    }

    /// <summary>Renders the conversation.</summary>
    /// <exception cref="TemplateRaisedException">The template refused the conversation (<c>raise_exception</c>).</exception>
    /// <exception cref="TemplateRenderException">The template failed on this input the way Python would.</exception>
    /// <exception cref="TemplateLimitExceededException">The template exceeded a bound in <paramref name="options"/>.</exception>
    /// <exception cref="ArgumentException">An extra variable reuses a reserved name or has a type templates cannot use.</exception>
    public RenderedChatPrompt Render(ChatTemplateRequest request, JinjaRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Messages);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["bos_token"] = PyStr.Of(BosToken),
            ["eos_token"] = PyStr.Of(EosToken),
        };
        foreach (var (name, value) in request.AdditionalVariables ?? new Dictionary<string, object?>())
        {
            if (ReservedVariables.Contains(name))
            {
                throw new ArgumentException($"'{name}' is set by the renderer; pass it through its own ChatTemplateRequest property.", nameof(request));
            }

            variables[name] = ValueConverter.FromDotNet(value, asContent: false, name);
        }

        variables["messages"] = new PyList([.. request.Messages.Select(ToTemplateValue)]);
        variables["tools"] = ContentList(request.Tools, "tools");
        variables["documents"] = ContentList(request.Documents, "documents");
        variables["add_generation_prompt"] = request.AddGenerationPrompt;
        var rendered = Template.RenderValues(variables, options);
        return new RenderedChatPrompt(rendered.Value, Segment(rendered));
    }

    private static PyList? ContentList(IReadOnlyList<JsonElement>? items, string name) =>
        items is null ? null : new PyList([.. items.Select((item, i) => ValueConverter.FromJson(item, asContent: true, $"{name}[{i}]"))]);

    private static PyDict ToTemplateValue(ChatTemplateMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var dict = new PyDict();
        dict.Set(Key("role"), PyStr.FromContent(message.Role));
        dict.Set(Key("content"), message.ContentParts is { } parts
            ? new PyList([.. parts.Select(ToTemplateValue)])
            : message.Content is null ? null : PyStr.FromContent(message.Content));
        if (message.ReasoningContent is not null)
        {
            dict.Set(Key("reasoning_content"), PyStr.FromContent(message.ReasoningContent));
        }

        if (message.ToolCalls is not null)
        {
            dict.Set(Key("tool_calls"), new PyList([.. message.ToolCalls.Select(ToTemplateValue)]));
        }

        if (message.ToolCallId is not null)
        {
            dict.Set(Key("tool_call_id"), PyStr.FromContent(message.ToolCallId));
        }

        if (message.Name is not null)
        {
            dict.Set(Key("name"), PyStr.FromContent(message.Name));
        }

        AddAdditional(dict, message.AdditionalProperties);
        return dict;
    }

    private static PyDict ToTemplateValue(ChatTemplateContentPart part)
    {
        var dict = new PyDict();
        dict.Set(Key("type"), PyStr.FromContent(part.Type));
        if (part.Text is not null)
        {
            dict.Set(Key("text"), PyStr.FromContent(part.Text));
        }

        AddAdditional(dict, part.AdditionalProperties);
        return dict;
    }

    private static PyDict ToTemplateValue(ChatTemplateToolCall call)
    {
        var function = new PyDict();
        function.Set(Key("name"), PyStr.FromContent(call.Name));
        function.Set(Key("arguments"), ValueConverter.FromJson(call.Arguments, asContent: true, "tool_calls.function.arguments"));
        var dict = new PyDict();
        if (call.Id is not null)
        {
            dict.Set(Key("id"), PyStr.FromContent(call.Id));
        }

        dict.Set(Key("type"), PyStr.FromContent("function"));
        dict.Set(Key("function"), function);
        return dict;
    }

    private static void AddAdditional(PyDict dict, IReadOnlyDictionary<string, object?>? additional)
    {
        foreach (var (name, value) in additional ?? new Dictionary<string, object?>())
        {
            dict.Set(Key(name), ValueConverter.FromDotNet(value, asContent: true, $"messages.{name}"));
        }
    }

    private static PyStr Key(string name) => new(name);

    private static List<ChatPromptSegment> Segment(PyStr rendered)
    {
        var segments = new List<ChatPromptSegment>();
        var bounds = rendered.ContentBounds;
        var position = 0;
        for (var i = 0; i < bounds.Length; i += 2)
        {
            if (bounds[i] > position)
            {
                segments.Add(new ChatPromptSegment(position, bounds[i] - position, IsContent: false));
            }

            segments.Add(new ChatPromptSegment(bounds[i], bounds[i + 1] - bounds[i], IsContent: true));
            position = bounds[i + 1];
        }

        if (position < rendered.Length)
        {
            segments.Add(new ChatPromptSegment(position, rendered.Length - position, IsContent: false));
        }

        return segments;
    }
}
