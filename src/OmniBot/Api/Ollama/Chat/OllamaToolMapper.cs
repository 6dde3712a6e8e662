using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OmniBot.Api.Ollama.Chat;

/// <summary>Turns Ollama's tool declarations into function declarations the engine renders and constrains calls to.</summary>
internal static class OllamaToolMapper
{
    private static readonly JsonElement NoParameters = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{}}").RootElement.Clone();

    /// <exception cref="OllamaApiException">A tool that is not a function, has no name, or whose parameters are not a schema object.</exception>
    public static List<AITool> ToDeclarations(IReadOnlyList<OllamaTool?>? tools)
    {
        var result = new List<AITool>();
        for (var index = 0; index < (tools?.Count ?? 0); index++)
        {
            var tool = tools![index];
            if (tool?.Type is not (null or "function"))
            {
                throw OllamaApiException.BadRequest($"tools[{index}].type must be \"function\", not \"{tool?.Type}\".");
            }

            var function = tool?.Function;
            if (string.IsNullOrWhiteSpace(function?.Name))
            {
                throw OllamaApiException.BadRequest($"tools[{index}] needs function.name: {{\"type\": \"function\", \"function\": {{\"name\": \"get_weather\", \"parameters\": {{…}}}}}}.");
            }

            var parameters = function.Parameters is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given ? given : NoParameters;
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                throw OllamaApiException.BadRequest($"tools[{index}].function.parameters must be a JSON schema object, not {parameters.GetRawText()}.");
            }

            result.Add(AIFunctionFactory.CreateDeclaration(function.Name, function.Description ?? string.Empty, parameters));
        }

        return result;
    }
}
