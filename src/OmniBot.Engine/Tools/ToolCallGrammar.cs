using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tools;

/// <summary>
/// A grammar that makes the reply a tool call in the family's syntax: the name is one of the declared
/// tools and the arguments follow that tool's parameter schema.
/// </summary>
public static class ToolCallGrammar
{
    public static Gbnf Build(IReadOnlyList<AIFunctionDeclaration> tools, ToolCallSyntax syntax, string? requiredName = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var chosen = requiredName is null ? tools : tools.Where(tool => tool.Name == requiredName).ToList();
        if (chosen.Count == 0)
        {
            throw new LlamaEngineException($"The tool mode requires '{requiredName}', but no tool of that name was given.");
        }

        var argumentsKey = syntax == ToolCallSyntax.Llama3 ? "parameters" : "arguments";
        var schema = new JsonObject
        {
            ["anyOf"] = new JsonArray([.. chosen.Select(tool => (JsonNode)CallSchema(tool, argumentsKey))]),
        };

        Gbnf call;
        try
        {
            call = JsonSchemaGrammarConverter.Convert(schema);
        }
        catch (GrammarConversionException exception)
        {
            throw new LlamaEngineException($"A tool's parameter schema cannot be enforced: {exception.Message}", exception);
        }

        var body = call.Text.Replace("root ::=", "call ::=", StringComparison.Ordinal);
        var root = syntax switch
        {
            ToolCallSyntax.Hermes => "root ::= \"<tool_call>\\n\" call \"\\n</tool_call>\"",
            ToolCallSyntax.Mistral => "root ::= \"[TOOL_CALLS][\" call \"]\"",
            _ => "root ::= call",
        };
        return GbnfGrammar.Parse(root + "\n" + body).ToGbnf();
    }

    /// <summary>
    /// Schemas made from .NET methods say only "integer" for an <c>int</c> parameter; an unbounded integer
    /// could overflow it, so integers without bounds get the 32-bit range.
    /// </summary>
    private static JsonNode BoundIntegers(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var isInteger = obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "integer";
                if (isInteger && !obj.ContainsKey("minimum") && !obj.ContainsKey("exclusiveMinimum") && !obj.ContainsKey("maximum") && !obj.ContainsKey("exclusiveMaximum"))
                {
                    obj["minimum"] = int.MinValue;
                    obj["maximum"] = int.MaxValue;
                }

                foreach (var child in obj.Select(pair => pair.Value).OfType<JsonNode>().ToList())
                {
                    BoundIntegers(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>().ToList())
                {
                    BoundIntegers(child);
                }

                break;
        }

        return node;
    }

    private static JsonObject CallSchema(AIFunctionDeclaration tool, string argumentsKey) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["name"] = new JsonObject { ["const"] = tool.Name },
            [argumentsKey] = BoundIntegers(JsonNode.Parse(tool.JsonSchema.GetRawText()) ?? new JsonObject { ["type"] = "object" }),
        },
        ["required"] = new JsonArray("name", argumentsKey),
        ["additionalProperties"] = false,
    };
}
