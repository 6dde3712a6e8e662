using Microsoft.Extensions.AI;
using OmniBot.Web.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Chat;

public sealed class ChatHistoryTests
{
    [Fact]
    public void Build_Conversation_PutsTheSystemPromptFirstReplaysToolsAndSkipsFailedReplies()
    {
        MessageRecord[] saved =
        [
            Message(MessageRole.User, "What is 2+3?"),
            Message(MessageRole.Assistant, "It is 5.") with { ToolCalls = [new ToolCallRecord("call_1", "calculate", "{\"expression\":\"2+3\"}", "5")] },
            Message(MessageRole.User, "And now?"),
            Message(MessageRole.Assistant, "") with { State = MessageState.Error, Error = "Backend down" },
            Message(MessageRole.User, "Again?"),
        ];

        var history = ChatHistory.Build(new ConversationSettings { SystemPrompt = "Be exact." }, saved);

        Assert.Equal(
            [ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.User, ChatRole.User],
            history.Select(message => message.Role));
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(history[2].Contents));
        Assert.Equal(("call_1", "calculate", "2+3"), (call.CallId, call.Name, call.Arguments?["expression"]?.ToString()));
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(history[3].Contents));
        Assert.Equal(("call_1", "5"), (result.CallId, result.Result));
        Assert.Equal("It is 5.", history[4].Text);
    }

    [Fact]
    public void Build_NoSystemPrompt_StartsWithTheFirstMessage()
    {
        var history = ChatHistory.Build(new ConversationSettings { SystemPrompt = "  " }, [Message(MessageRole.User, "hi")]);

        Assert.Equal(ChatRole.User, Assert.Single(history).Role);
    }

    private static MessageRecord Message(MessageRole role, string content) => new() { ConversationId = "c", Role = role, Content = content };
}
