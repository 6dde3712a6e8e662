namespace OmniBot.Models.Downloads;

public enum ModelSourceKind
{
    /// <summary><c>hf:OWNER/REPO/FILE.gguf[@REVISION]</c></summary>
    HuggingFaceFile,

    /// <summary><c>hf:OWNER/REPO:QUANT[@REVISION]</c></summary>
    HuggingFaceQuant,

    /// <summary><c>https://…/file.gguf</c></summary>
    Url,

    /// <summary>A GGUF file on this machine.</summary>
    LocalFile,
}
