using OmniBot.Engine.Templates.Runtime;

namespace OmniBot.Engine.Templates.Values;

/// <summary>Anything a template can call: macros, globals such as <c>range</c>, and bound methods such as <c>'a'.upper</c>.</summary>
internal abstract class PyCallable
{
    /// <summary>Python's type name, for error messages.</summary>
    public abstract string TypeName { get; }

    public abstract object? Call(RenderContext context, CallArguments arguments);

    /// <summary>What <c>str()</c> prints for it.</summary>
    public abstract string Describe();
}

/// <summary>A global function such as <c>range</c>, <c>namespace</c> or <c>raise_exception</c>.</summary>
internal sealed class BuiltinFunction(string name, Func<RenderContext, CallArguments, object?> invoke, bool isPythonFunction = false) : PyCallable
{
    public string Name { get; } = name;

    public override string TypeName => isPythonFunction ? "function" : "builtin_function_or_method";

    public override object? Call(RenderContext context, CallArguments arguments) => invoke(context, arguments);

    public override string Describe() => isPythonFunction ? $"<function {Name}>" : $"<built-in function {Name}>";
}

/// <summary>A method looked up on a value, such as <c>message.content.strip</c>.</summary>
internal sealed class BoundMethod(object receiver, string name, Func<RenderContext, object, CallArguments, object?> invoke) : PyCallable
{
    public object Receiver { get; } = receiver;

    public string Name { get; } = name;

    public override string TypeName => "builtin_function_or_method";

    public override object? Call(RenderContext context, CallArguments arguments) => invoke(context, Receiver, arguments);

    public override string Describe() => $"<built-in method {Name} of {PyOps.TypeName(Receiver)} object>";
}
