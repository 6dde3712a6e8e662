namespace OmniBot.Web.Backends;

/// <summary>What serves a backend's models.</summary>
public enum BackendKind
{
    /// <summary>llama.cpp inside this process, over the model store.</summary>
    LlamaCpp,

    /// <summary>An Ollama server.</summary>
    Ollama,

    /// <summary>A server with OpenAI's chat completions API (vLLM, llama.cpp server, OpenAI itself).</summary>
    OpenAI,
}
