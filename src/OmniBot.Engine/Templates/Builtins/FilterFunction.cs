using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>A Jinja filter: <c>value|name(arguments)</c>.</summary>
internal delegate object? FilterFunction(RenderContext context, object? value, CallArguments arguments);
