using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace OmniBot.Web.Chat;

/// <summary>The safe built-in tools a chat can offer the model: the current time and a calculator. Neither touches files or the network.</summary>
public sealed class DemoTools(TimeProvider timeProvider)
{
    public IReadOnlyList<AITool> All =>
    [
        AIFunctionFactory.Create(CurrentTime, "get_current_time", "Returns the current date and time (ISO 8601, with the server's UTC offset)."),
        AIFunctionFactory.Create(Calculate, "calculate", "Evaluates an arithmetic expression with + - * / % ^, parentheses and sqrt(), and returns the number."),
    ];

    private string CurrentTime() => timeProvider.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Calculate([Description("The expression, for example (2 + 3) * 4 / sqrt(16)")] string expression) =>
        ArithmeticExpression.Evaluate(expression).ToString("G15", CultureInfo.InvariantCulture);
}
