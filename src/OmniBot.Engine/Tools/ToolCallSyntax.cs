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

    /// <summary>Functionary v3.2: the reply is <c>&gt;&gt;&gt;</c>-separated parts, each <c>recipient\ncontent</c>; recipient <c>all</c> is text.</summary>
    Functionary,

    /// <summary>DeepSeek V2.5 / V3 / R1: <c>&lt;｜tool▁call▁begin｜&gt;function&lt;｜tool▁sep｜&gt;NAME\n```json\nARGS\n```&lt;｜tool▁call▁end｜&gt;</c> in a calls block.</summary>
    DeepSeek,

    /// <summary>DeepSeek V3.1: <c>&lt;｜tool▁call▁begin｜&gt;NAME&lt;｜tool▁sep｜&gt;ARGS&lt;｜tool▁call▁end｜&gt;</c> in a calls block.</summary>
    DeepSeekV31,

    /// <summary>Command R+: <c>Action:</c> and a fenced JSON list of <c>{"tool_name": …, "parameters": …}</c>.</summary>
    CommandRPlus,

    /// <summary>Command R7B: <c>&lt;|START_ACTION|&gt;[{"tool_call_id": …, "tool_name": …, "parameters": …}]&lt;|END_ACTION|&gt;</c>.</summary>
    CommandR7B,

    /// <summary>Phi-4 mini: <c>functools[{"name": …, "arguments": …}, …]</c> (also <c>&lt;|tool_call|&gt;[…]&lt;|/tool_call|&gt;</c>).</summary>
    Phi4,
}
