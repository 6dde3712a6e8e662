using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>One default server shared by the OpenAI API tests (they run one class after another).</summary>
[CollectionDefinition(Name)]
public sealed class OpenAIServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "OpenAI API server";
}
