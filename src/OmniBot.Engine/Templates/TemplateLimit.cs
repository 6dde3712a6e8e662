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

    /// <summary><see cref="JinjaRenderOptions.MaxRenderTime"/> (<see cref="TemplateLimitExceededException.Maximum"/> in milliseconds).</summary>
    RenderTime,

    /// <summary>
    /// Lists and dicts nested more than 512 levels deep inside one value the template compares, hashes, prints or
    /// serializes (a fixed bound; values arriving from callers are limited to 256 levels before rendering starts).
    /// </summary>
    ValueNesting,
}
