using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>A Jinja test: <c>value is name(arguments)</c>.</summary>
internal delegate bool TestFunction(RenderContext context, object? value, CallArguments arguments);
