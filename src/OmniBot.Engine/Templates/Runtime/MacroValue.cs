using OmniBot.Engine.Templates.Syntax;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

/// <summary>A macro (or the <c>caller</c> of a call block) bound to the scope it was defined in.</summary>
internal sealed class MacroValue(MacroSignature signature, Scope definingScope, Interpreter interpreter) : PyCallable
{
    public MacroSignature Signature { get; } = signature;

    public Scope DefiningScope { get; } = definingScope;

    public override string TypeName => "Macro";

    public override object? Call(RenderContext context, CallArguments arguments) => interpreter.InvokeMacro(this, arguments);

    public override string Describe() => $"<Macro {PyRepr.QuoteString(Signature.Name)}>";

    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "name":
                value = new PyStr(Signature.Name);
                return true;
            case "arguments":
                value = new PyList([.. Signature.Parameters.Select(p => (object?)new PyStr(p))], isTuple: true);
                return true;
            case "catch_kwargs":
                value = Signature.CatchesKeywords;
                return true;
            case "catch_varargs":
                value = Signature.CatchesVarargs;
                return true;
            case "caller":
                value = Signature.UsesCaller;
                return true;
            default:
                value = null;
                return false;
        }
    }
}
