namespace OmniBot.Engine.Templates;

/// <summary>A resource bound that keeps a template from hanging or exhausting memory.</summary>
public enum TemplateLimit
{
    /// <summary><see cref="JinjaRenderOptions.MaxLoopIterations"/>.</summary>
    LoopIterations,

    /// <summary><see cref="JinjaRenderOptions.MaxRecursionDepth"/>.</summary>
    RecursionDepth,

    /// <summary><see cref="JinjaRenderOptions.MaxOutputLength"/>.</summary>
    OutputLength,
}
