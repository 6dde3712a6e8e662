using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Chat;

public sealed class LlamaChatTests
{
    [Fact]
    public async Task ChatAsync_ModelPath_StreamsToOnTokenAndReturnsTheWholeReply()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0);
        var pieces = new List<string>();

        var response = await LlamaChat.ChatAsync(path, [new ChatMessage(ChatRole.User, "Hello")], pieces.Add, new ChatOptions { Temperature = 0, MaxOutputTokens = 10 });

        Assert.NotEmpty(pieces);
        Assert.Equal(response.Text, string.Concat(pieces));
    }
}
