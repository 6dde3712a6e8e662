namespace OmniBot.Engine.Templates.Values;

/// <summary>Jinja's <c>namespace()</c>: the one object templates may change, through <c>{% set ns.attr = value %}</c>.</summary>
internal sealed class PyNamespace
{
    public PyDict Attributes { get; } = new();
}
