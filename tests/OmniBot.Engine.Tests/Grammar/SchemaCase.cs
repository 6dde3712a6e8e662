namespace OmniBot.Engine.Tests.Grammar;

/// <summary>
/// A schema with JSON texts the grammar must accept (<see cref="Valid"/>), must reject because the
/// schema forbids them (<see cref="Invalid"/>), and rejects although the schema allows them
/// (<see cref="Tighter"/>: llama.cpp's deliberate narrowing, such as property order).
/// </summary>
public sealed record SchemaCase(string Name, string Schema, string[] Valid, string[] Invalid, string[]? Tighter = null);
