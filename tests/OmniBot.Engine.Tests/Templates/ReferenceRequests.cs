using System.Text.Json;
using OmniBot.Engine.Templates;

namespace OmniBot.Engine.Tests.Templates;

/// <summary>Turns a reference case into a <see cref="ChatTemplateRequest"/> (typed messages, tools, extra variables).</summary>
internal static class ReferenceRequests
{
    private static readonly HashSet<string> RequestKeys = ["description", "messages", "tools", "add_generation_prompt", "bos_token", "eos_token"];

    public static ChatTemplateRequest FromCase(JsonElement testCase) => new()
    {
        Messages = [.. testCase.GetProperty("messages").EnumerateArray().Select(ChatTemplateMessage.FromJson)],
        Tools = testCase.TryGetProperty("tools", out var tools) ? [.. tools.EnumerateArray()] : null,
        AddGenerationPrompt = testCase.TryGetProperty("add_generation_prompt", out var add) && add.GetBoolean(),
        AdditionalVariables = testCase.EnumerateObject()
            .Where(p => !RequestKeys.Contains(p.Name))
            .ToDictionary(p => p.Name, p => (object?)p.Value),
    };
}
