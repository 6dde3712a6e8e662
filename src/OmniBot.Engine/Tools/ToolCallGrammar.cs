using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tools;

/// <summary>
/// Grammars for tool calls in a family's syntax: the name is one of the declared tools and the arguments
/// follow that tool's parameter schema. <see cref="Build"/> makes the whole reply calls (tool mode
/// required); <see cref="BuildLazy"/> leaves the reply free until the call opener appears (tool mode auto).
/// </summary>
public static class ToolCallGrammar
{
    /// <summary>A grammar under which the reply is a call, or several with <paramref name="parallel"/> (where the family can write several).</summary>
    /// <exception cref="LlamaEngineException">No tool named <paramref name="requiredName"/>, or a parameter schema the grammar cannot enforce.</exception>
    public static Gbnf Build(IReadOnlyList<AIFunctionDeclaration> tools, ToolCallSyntax syntax, string? requiredName = null, bool parallel = false) =>
        Compose(Choose(tools, requiredName), syntax, lazy: false, parallel);

    /// <summary>
    /// A grammar that holds only once the reply opens a call (lazy, triggered by <see cref="ToolCallMarkers.Openers"/>);
    /// before that the model may answer in text. Functionary chooses text or call by its first line, which the grammar offers.
    /// </summary>
    /// <exception cref="LlamaEngineException">A parameter schema the grammar cannot enforce.</exception>
    public static Gbnf BuildLazy(IReadOnlyList<AIFunctionDeclaration> tools, ToolCallSyntax syntax, bool parallel = false)
    {
        var grammar = Compose(Choose(tools, null), syntax, lazy: true, parallel);
        return syntax == ToolCallSyntax.Functionary ? grammar : grammar.WithTriggers(ToolCallMarkers.Openers(syntax));
    }

    private static List<AIFunctionDeclaration> Choose(IReadOnlyList<AIFunctionDeclaration> tools, string? requiredName)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var chosen = requiredName is null ? tools.ToList() : tools.Where(tool => tool.Name == requiredName).ToList();
        if (chosen.Count == 0)
        {
            throw new LlamaEngineException(requiredName is null
                ? "Tool calls need at least one declared tool."
                : $"The tool mode requires '{requiredName}', but no tool of that name was given.");
        }

        return chosen;
    }

    private static Gbnf Compose(List<AIFunctionDeclaration> tools, ToolCallSyntax syntax, bool lazy, bool parallel)
    {
        // Further calls after the first, when parallel calls are allowed.
        string More(string separator, string item = "call") => parallel ? $" ({separator} {item})*" : string.Empty;
        var List = $"\"[\" call{More("\",\" \" \"?")} \"]\"";
        var text = syntax switch
        {
            ToolCallSyntax.Hermes => $"root ::= block{More("\"\\n\"", "block")}\nblock ::= \"<tool_call>\\n\" call \"\\n</tool_call>\"\n" + JsonCalls(tools, "name", "arguments"),
            ToolCallSyntax.Mistral => $"root ::= \"[TOOL_CALLS]\" {List}\n" + JsonCalls(tools, "name", "arguments"),
            ToolCallSyntax.Llama3 => (lazy ? "root ::= \"<|python_tag|>\"? call\n" : "root ::= call\n") + JsonCalls(tools, "name", "parameters"),
            ToolCallSyntax.CommandRPlus => $"root ::= \"Action:\\n```json\\n[\" call{More("\",\" \"\\n\"?")} \"]\\n```\"\n" + JsonCalls(tools, "tool_name", "parameters"),
            ToolCallSyntax.CommandR7B => $"root ::= \"<|START_ACTION|>\" {List} \"<|END_ACTION|>\"\n" + JsonCalls(tools, "tool_name", "parameters", withCallId: true),
            ToolCallSyntax.Phi4 => $"root ::= \"functools\" {List}\n" + JsonCalls(tools, "name", "arguments"),
            ToolCallSyntax.DeepSeek => DeepSeekCalls(tools, parallel, (name, args) => $"\"{ToolCallMarkers.DeepSeekCallBegin}function{ToolCallMarkers.DeepSeekSeparator}\" {Literal(name)} \"\\n```json\\n\" {args} \"\\n```{ToolCallMarkers.DeepSeekCallEnd}\""),
            ToolCallSyntax.DeepSeekV31 => DeepSeekCalls(tools, parallel, (name, args) => $"\"{ToolCallMarkers.DeepSeekCallBegin}\" {Literal(name)} \"{ToolCallMarkers.DeepSeekSeparator}\" {args} \"{ToolCallMarkers.DeepSeekCallEnd}\""),
            ToolCallSyntax.Functionary => (lazy ? "root ::= \"all\\n\" [^\\x00]* | calls\n" : "root ::= calls\n")
                + $"calls ::= call{More("\">>>\"")}\n" + PerToolCalls(tools, (name, args) => $"{Literal(name + "\n")} {args}"),
            _ => "root ::= call\n" + JsonCalls(tools, "name", "arguments"),
        };

        try
        {
            return GbnfGrammar.Parse(text).ToGbnf();
        }
        catch (GbnfParseException exception) when (exception.Problem.Contains(nameof(GrammarLimits), StringComparison.Ordinal))
        {
            throw new LlamaEngineException($"The tools' parameter schemas together need too large a grammar: {exception.Problem}; pass fewer or smaller tools.", exception);
        }
        catch (GbnfParseException exception)
        {
            throw new LlamaEngineException($"The tool-call grammar for {syntax} is invalid ({exception.Message}); this is a bug in OmniBot.", exception);
        }
    }

    /// <summary>A <c>call</c> rule: one JSON object naming a tool and holding its arguments, for any of the tools.</summary>
    private static string JsonCalls(List<AIFunctionDeclaration> tools, string nameKey, string argumentsKey, bool withCallId = false)
    {
        var schema = new JsonObject
        {
            ["anyOf"] = new JsonArray([.. tools.Select(tool => (JsonNode)CallSchema(tool, nameKey, argumentsKey, withCallId))]),
        };
        return Convert(schema).Text.Replace("root ::=", "call ::=", StringComparison.Ordinal);
    }

    private static string DeepSeekCalls(List<AIFunctionDeclaration> tools, bool parallel, Func<string, string, string> call) =>
        $"root ::= \"{ToolCallMarkers.DeepSeekCallsBegin}\" call{(parallel ? "+" : string.Empty)} \"{ToolCallMarkers.DeepSeekCallsEnd}\"\n" + PerToolCalls(tools, call);

    /// <summary>A <c>call</c> rule choosing among one rule per tool, each made by <paramref name="call"/> from the name and the rule of its arguments.</summary>
    private static string PerToolCalls(List<AIFunctionDeclaration> tools, Func<string, string, string> call)
    {
        var text = new StringBuilder("call ::= ");
        text.AppendJoin(" | ", tools.Select((_, index) => $"tool{index}-call")).Append('\n');
        for (var index = 0; index < tools.Count; index++)
        {
            var prefix = $"tool{index}-";
            var arguments = Convert(ArgumentsSchema(tools[index]));
            text.Append(prefix).Append("call ::= ").Append(call(tools[index].Name, prefix + arguments.RootRule)).Append('\n');
            text.Append(GbnfRulePrefixer.Prefix(arguments, prefix)).Append('\n');
        }

        return text.ToString();
    }

    private static Gbnf Convert(JsonNode schema)
    {
        try
        {
            return JsonSchemaGrammarConverter.Convert(schema);
        }
        catch (GrammarConversionException exception)
        {
            throw new LlamaEngineException($"A tool's parameter schema cannot be enforced: {exception.Message}", exception);
        }
    }

    private static string Literal(string text) => GbnfText.Literal(text);

    private static JsonObject CallSchema(AIFunctionDeclaration tool, string nameKey, string argumentsKey, bool withCallId)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        if (withCallId)
        {
            properties["tool_call_id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{1,3}$" };
            required.Add("tool_call_id");
        }

        properties[nameKey] = new JsonObject { ["const"] = tool.Name };
        properties[argumentsKey] = ArgumentsSchema(tool);
        required.Add(nameKey);
        required.Add(argumentsKey);
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static JsonNode ArgumentsSchema(AIFunctionDeclaration tool) =>
        BoundIntegers(JsonNode.Parse(tool.JsonSchema.GetRawText()) ?? new JsonObject { ["type"] = "object" });

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
}
