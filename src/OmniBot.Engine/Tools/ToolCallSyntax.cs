namespace OmniBot.Engine.Tools;

/// <summary>How a model family writes tool calls, detected from its chat template.</summary>
public enum ToolCallSyntax
{
    /// <summary>A JSON object <c>{"name": …, "arguments": …}</c> (or a list of them) as the whole reply.</summary>
    GenericJson,

    /// <summary>Hermes / Qwen: <c>&lt;tool_call&gt;{"name": …, "arguments": …}&lt;/tool_call&gt;</c>, one block per call.</summary>
    Hermes,

    /// <summary>Llama 3.1 / 3.2: <c>{"name": …, "parameters": …}</c>, optionally after <c>&lt;|python_tag|&gt;</c>.</summary>
    Llama3,

    /// <summary>Mistral: <c>[TOOL_CALLS][{"name": …, "arguments": …}, …]</c>.</summary>
    Mistral,
}
