using System.Text.Json;
using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Templates;
using OmniBot.Engine.Text;
using OmniBot.Engine.Tools;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Formats a conversation with the model's own chat template through the Jinja engine, exactly as
/// transformers would. Text that came from the conversation is never parsed for control tokens: when
/// no special-token text touches content the prompt is tokenized whole (identical to transformers),
/// otherwise segment by segment.
/// </summary>
internal sealed class ChatPromptFormatter
{
    private readonly IReadOnlyDictionary<string, string> _templates;
    private readonly string? _templateName;
    private readonly string _bosToken;
    private readonly string _eosToken;
    private readonly IReadOnlyList<string> _specialTokens;
    private readonly Dictionary<string, ChatTemplateRenderer> _renderers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _wantsStringArguments = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private ChatPromptFormatter(IReadOnlyDictionary<string, string> templates, string? templateName, string bosToken, string eosToken, IReadOnlyList<string> specialTokens)
    {
        _templates = templates;
        _templateName = templateName;
        _bosToken = bosToken;
        _eosToken = eosToken;
        _specialTokens = specialTokens;
    }

    /// <param name="templateOverride">Jinja source used instead of the model's own templates (llama-server's <c>--chat-template-file</c>).</param>
    /// <param name="specialTokenTexts">The model's special token texts when the caller has them (a scheduler does); null reads them from the vocabulary.</param>
    public static ChatPromptFormatter ForModel(SafeLlamaModelHandle model, string? templateName, string? templateOverride = null, IReadOnlyList<string>? specialTokenTexts = null)
    {
        if (templateOverride is not null)
        {
            templateName = null;
        }

        var templates = templateOverride is null ? ReadTemplates(model) : new Dictionary<string, string> { ["default"] = templateOverride };
        if (templateName is not null && !templates.ContainsKey(templateName))
        {
            throw new LlamaEngineException($"The model has no chat template named '{templateName}'; it has: {string.Join(", ", templates.Keys)}. Leave the template name unset to use its default template.");
        }

        var vocab = model.Vocab;
        return new ChatPromptFormatter(templates, templateName, TokenText(vocab, vocab.BOS), TokenText(vocab, vocab.EOS), specialTokenTexts ?? SpecialTokenChunker.SpecialTokenTexts(vocab));
    }

    public FormattedPrompt Format(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var all = new List<ChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            all.Add(new ChatMessage(ChatRole.System, options.Instructions));
        }

        all.AddRange(messages);
        var tools = ChatMessageMapper.ToTemplateTools(options);
        var request = new ChatTemplateRequest
        {
            Messages = ChatMessageMapper.ToTemplateMessages(all).ToList(),
            Tools = tools,
            AddGenerationPrompt = true,
            AdditionalVariables = TemplateVariables(options),
        };

        RenderedChatPrompt rendered;
        ChatTemplateRenderer renderer;
        try
        {
            // The template comes from the model file, so parsing it can fail on hostile input just as rendering can.
            renderer = Renderer(tools is not null);
            if (WantsStringArguments(renderer))
            {
                request = request with { Messages = [.. request.Messages.Select(ArgumentsAsString)] };
            }

            rendered = renderer.Render(request);
        }
        catch (TemplateException exception)
        {
            throw new LlamaEngineException($"The model's chat template failed on this conversation: {exception.Message}", exception);
        }

        var reasoning = ReasoningFormat.Detect(renderer.Template.Source);
        var toolSyntax = ToolCallParser.Detect(renderer.Template.Source);
        var startsInThinking = reasoning?.PromptOpensThinking(rendered.Text) ?? false;
        if (!rendered.ContentContainsAny(_specialTokens))
        {
            return new FormattedPrompt([PromptSegment.Template(rendered.Text)], reasoning, startsInThinking, toolSyntax);
        }

        var segments = rendered.Segments
            .Select(segment => new PromptSegment(rendered.GetText(segment), !segment.IsContent))
            .ToList();
        return new FormattedPrompt(segments, reasoning, startsInThinking, toolSyntax);
    }

    private ChatTemplateRenderer Renderer(bool hasTools)
    {
        var source = _templates.Count == 1 && _templateName is null
            ? _templates.Values.Single()
            : ChatTemplateRenderer.SelectTemplate(_templates, _templateName, hasTools);
        lock (_gate)
        {
            if (!_renderers.TryGetValue(source, out var renderer))
            {
                renderer = new ChatTemplateRenderer(JinjaTemplate.Parse(source), _bosToken, _eosToken);
                _renderers[source] = renderer;
            }

            return renderer;
        }
    }

    /// <summary>
    /// Whether the template concatenates tool-call arguments as a string (DeepSeek, Functionary) rather than
    /// reading them as a mapping (<c>tojson</c>, items): found once per template by rendering a probe call both ways.
    /// </summary>
    private bool WantsStringArguments(ChatTemplateRenderer renderer)
    {
        var source = renderer.Template.Source;
        lock (_gate)
        {
            if (_wantsStringArguments.TryGetValue(source, out var known))
            {
                return known;
            }
        }

        var wants = !ShowsProbe(renderer, asString: false) && ShowsProbe(renderer, asString: true);
        lock (_gate)
        {
            _wantsStringArguments[source] = wants;
        }

        return wants;
    }

    private static bool ShowsProbe(ChatTemplateRenderer renderer, bool asString)
    {
        const string Marker = "omnibot_probe_value";
        var arguments = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["omnibot_probe_key"] = Marker });
        if (asString)
        {
            arguments = JsonSerializer.SerializeToElement(arguments.GetRawText());
        }

        var probe = new ChatTemplateRequest
        {
            Messages =
            [
                new ChatTemplateMessage("user") { Content = "probe" },
                new ChatTemplateMessage("assistant") { ToolCalls = [new ChatTemplateToolCall("probe_tool", arguments) { Id = "call_0" }] },
                new ChatTemplateMessage("tool") { Content = "probe result", ToolCallId = "call_0", Name = "probe_tool" },
            ],
            AddGenerationPrompt = true,
        };
        try
        {
            return renderer.Render(probe).Text.Contains(Marker, StringComparison.Ordinal);
        }
        catch (TemplateException)
        {
            return false;
        }
    }

    private static ChatTemplateMessage ArgumentsAsString(ChatTemplateMessage message) =>
        message.ToolCalls is not { Count: > 0 } calls
            ? message
            : message with
            {
                ToolCalls = [.. calls.Select(call => call.Arguments.ValueKind == JsonValueKind.String
                    ? call
                    : call with { Arguments = JsonSerializer.SerializeToElement(call.Arguments.GetRawText()) })],
            };

    /// <summary>
    /// Template switches from <see cref="ChatOptions.AdditionalProperties"/>: everything under
    /// <c>chat_template_kwargs</c> (as llama.cpp's server and vLLM take them), and <c>enable_thinking</c>.
    /// </summary>
    private static Dictionary<string, object?>? TemplateVariables(ChatOptions? options)
    {
        var extra = options?.AdditionalProperties;
        if (extra is null)
        {
            return null;
        }

        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (extra.TryGetValue("chat_template_kwargs", out var kwargs))
        {
            switch (kwargs)
            {
                case JsonElement { ValueKind: JsonValueKind.Object } element:
                    foreach (var property in element.EnumerateObject())
                    {
                        variables[property.Name] = property.Value;
                    }

                    break;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    foreach (var (key, value) in pairs)
                    {
                        variables[key] = value;
                    }

                    break;
            }
        }

        if (extra.TryGetValue("enable_thinking", out var thinking))
        {
            variables["enable_thinking"] = thinking;
        }

        return variables.Count > 0 ? variables : null;
    }

    private static Dictionary<string, string> ReadTemplates(SafeLlamaModelHandle model)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        const string NamedPrefix = "tokenizer.chat_template.";
        for (var i = 0; i < model.MetadataCount; i++)
        {
            var key = Utf8(model.MetadataKeyByIndex(i));
            if (key is null)
            {
                continue;
            }

            if (key == "tokenizer.chat_template")
            {
                templates["default"] = Utf8(model.MetadataValueByIndex(i)) ?? string.Empty;
            }
            else if (key.StartsWith(NamedPrefix, StringComparison.Ordinal))
            {
                templates[key[NamedPrefix.Length..]] = Utf8(model.MetadataValueByIndex(i)) ?? string.Empty;
            }
        }

        if (templates.Count == 0)
        {
            templates["default"] = ChatTemplateRenderer.DefaultChatMLTemplate;
        }

        return templates;
    }

    private static string? Utf8(Memory<byte>? bytes) =>
        bytes is { } value ? System.Text.Encoding.UTF8.GetString(value.Span).TrimEnd('\0') : null;

    private static string TokenText(SafeLlamaModelHandle.Vocabulary vocab, LLamaToken? token) =>
        token is { } value ? vocab.LLamaTokenToString(value, true) ?? string.Empty : string.Empty;
}
