namespace OmniBot.TestModels;

/// <summary>The ChatML chat template and control tokens every synthetic model carries.</summary>
public static class ChatMlTemplate
{
    public const string StartToken = "<|im_start|>";
    public const string EndToken = "<|im_end|>";

    /// <summary>
    /// A Qwen2.5-style ChatML template without tools: each message as
    /// <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>, then the assistant prefix when a
    /// generation prompt is asked for.
    /// </summary>
    public const string Template = """
        {%- for message in messages -%}
        {{- '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' -}}
        {%- endfor -%}
        {%- if add_generation_prompt -%}
        {{- '<|im_start|>assistant\n' -}}
        {%- endif -%}
        """;
}
