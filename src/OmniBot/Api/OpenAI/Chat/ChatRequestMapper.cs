using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Grammar;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>
/// Turns a chat request's settings into <see cref="ChatOptions"/>: sampling, limits, tools and tool choice, response
/// format, and llama.cpp's extra fields as <see cref="ChatOptions.AdditionalProperties"/> under their own names.
/// </summary>
internal static class ChatRequestMapper
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <exception cref="InvalidRequestException">A setting is out of range or of the wrong shape.</exception>
    public static ChatOptions ToOptions(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SamplingParameters.RequireSingleChoice(request.N);
        if (request.Logprobs == true || request.TopLogprobs is not null)
        {
            throw new InvalidRequestException("logprobs are not available from this server: leave logprobs and top_logprobs out.", "logprobs");
        }

        var options = new ChatOptions
        {
            ModelId = request.Model,
            Temperature = SamplingParameters.Temperature(request.Temperature),
            TopP = SamplingParameters.TopP(request.TopP),
            TopK = SamplingParameters.TopK(request.TopK),
            MaxOutputTokens = SamplingParameters.MaxTokens(request.MaxTokens, request.MaxCompletionTokens),
            StopSequences = SamplingParameters.Stop(request.Stop),
            Seed = request.Seed,
            FrequencyPenalty = SamplingParameters.Penalty(request.FrequencyPenalty, "frequency_penalty"),
            PresencePenalty = SamplingParameters.Penalty(request.PresencePenalty, "presence_penalty"),
            AllowMultipleToolCalls = request.ParallelToolCalls,
            ResponseFormat = ResponseFormat(request.ResponseFormat),
        };

        var extra = new AdditionalPropertiesDictionary();
        foreach (var (name, value) in SamplingParameters.LlamaExtras(request.Extra))
        {
            extra[name] = value;
        }

        if (SamplingParameters.LogitBias(request.LogitBias) is { } bias)
        {
            extra["logit_bias"] = bias;
        }

        options.AdditionalProperties = extra.Count > 0 ? extra : null;
        options.Tools = Tools(request.Tools);
        options.ToolMode = ToolMode(request.ToolChoice, options.Tools);
        return options;
    }

    /// <summary>Applies <c>ignore_eos</c> once the model, and so its end-of-generation tokens, is known.</summary>
    public static void BanEndOfGeneration(ChatOptions options, IEnumerable<int> endOfGeneration)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AdditionalProperties ??= [];
        var bias = options.AdditionalProperties.TryGetValue("logit_bias", out var existing) ? existing as IReadOnlyDictionary<int, float> : null;
        options.AdditionalProperties["logit_bias"] = IgnoreEos.Ban(bias, endOfGeneration);
    }

    private static List<AITool>? Tools(IReadOnlyList<ToolDefinition?>? tools)
    {
        if (tools is null || tools.Count == 0)
        {
            return null;
        }

        var declarations = new List<AITool>(tools.Count);
        for (var i = 0; i < tools.Count; i++)
        {
            var parameter = $"tools[{i}]";
            var tool = tools[i] ?? throw new InvalidRequestException($"{parameter} is null: a tool is {{\"type\":\"function\",\"function\":{{\"name\":...,\"parameters\":{{...}}}}}}.", parameter);
            if (tool.Type is not (null or "function"))
            {
                throw new InvalidRequestException($"{parameter}.type '{tool.Type}' is not supported: only \"function\" tools are.", $"{parameter}.type");
            }

            var function = tool.Function ?? throw new InvalidRequestException($"{parameter}.function is missing.", $"{parameter}.function");
            if (string.IsNullOrWhiteSpace(function.Name) || function.Name.Length > 64 || function.Name.Any(char.IsWhiteSpace))
            {
                throw new InvalidRequestException($"{parameter}.function.name must be 1 to 64 characters without spaces, such as get_weather.", $"{parameter}.function.name");
            }

            if (declarations.Any(existing => existing.Name == function.Name))
            {
                throw new InvalidRequestException($"{parameter}.function.name '{function.Name}' is declared twice: tool names must be unique.", $"{parameter}.function.name");
            }

            var schema = function.Parameters is { ValueKind: not JsonValueKind.Null } parameters ? parameters : EmptyObjectSchema;
            RequireSchema(schema, $"{parameter}.function.parameters");
            declarations.Add(AIFunctionFactory.CreateDeclaration(function.Name, function.Description, schema));
        }

        return declarations;
    }

    private static ChatToolMode? ToolMode(JsonElement? choice, IList<AITool>? tools)
    {
        const string Parameter = "tool_choice";
        switch (choice)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString() switch
                {
                    "auto" => ChatToolMode.Auto,
                    "none" => ChatToolMode.None,
                    "required" when tools is not null => ChatToolMode.RequireAny,
                    "required" => throw new InvalidRequestException("tool_choice \"required\" needs tools: declare at least one in tools.", Parameter),
                    var other => throw new InvalidRequestException($"tool_choice '{other}' is not known: use \"auto\", \"none\", \"required\" or {{\"type\":\"function\",\"function\":{{\"name\":...}}}}.", Parameter),
                };
            case { ValueKind: JsonValueKind.Object } named
                when named.TryGetProperty("function", out var function)
                && function.ValueKind == JsonValueKind.Object
                && function.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String:
                var functionName = name.GetString()!;
                return tools?.Any(tool => tool.Name == functionName) == true
                    ? ChatToolMode.RequireSpecific(functionName)
                    : throw new InvalidRequestException($"tool_choice names '{functionName}', which is not among the declared tools.", Parameter);
            default:
                throw new InvalidRequestException("tool_choice must be \"auto\", \"none\", \"required\" or {\"type\":\"function\",\"function\":{\"name\":...}}.", Parameter);
        }
    }

    private static ChatResponseFormat? ResponseFormat(ResponseFormatRequest? format)
    {
        const string Parameter = "response_format";
        switch (format?.Type)
        {
            case null when format is null:
                return null;
            case "text":
                return ChatResponseFormat.Text;
            case "json_object" when format.Schema is { ValueKind: not JsonValueKind.Null } schema:
                RequireSchema(schema, $"{Parameter}.schema");
                return ChatResponseFormat.ForJsonSchema(schema);
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                var definition = format.JsonSchema ?? throw new InvalidRequestException("response_format json_schema needs a json_schema object: {\"name\":...,\"schema\":{...},\"strict\":true}.", $"{Parameter}.json_schema");
                if (definition.Schema is not { ValueKind: not JsonValueKind.Null } jsonSchema)
                {
                    throw new InvalidRequestException("response_format.json_schema.schema is missing: give the JSON schema the reply must follow.", $"{Parameter}.json_schema.schema");
                }

                RequireSchema(jsonSchema, $"{Parameter}.json_schema.schema");
                return ChatResponseFormat.ForJsonSchema(jsonSchema, definition.Name, definition.Description);
            case null:
                throw new InvalidRequestException("response_format.type is missing: use text, json_object or json_schema.", $"{Parameter}.type");
            default:
                throw new InvalidRequestException($"response_format.type '{format.Type}' is not known: use text, json_object or json_schema.", $"{Parameter}.type");
        }
    }

    /// <summary>Schemas become grammars; one that cannot is refused here, naming the field it came from.</summary>
    private static void RequireSchema(JsonElement schema, string parameter)
    {
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new InvalidRequestException($"{parameter} must be a JSON schema object, not {OpenAIRequestReader.Describe(schema)}.", parameter);
        }

        try
        {
            JsonSchemaGrammarConverter.Convert(schema);
        }
        catch (GrammarConversionException exception)
        {
            throw new InvalidRequestException($"{parameter} is not a schema this server can enforce: {exception.Message}", parameter);
        }
    }
}
