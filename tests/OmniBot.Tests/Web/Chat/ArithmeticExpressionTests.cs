using OmniBot.Web.Chat;

namespace OmniBot.Tests.Web.Chat;

public sealed class ArithmeticExpressionTests
{
    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", 4)]
    [InlineData("10 % 4 - -1", 3)]
    [InlineData("sqrt(16) / 8", 0.5)]
    [InlineData("1.5e3 + .5", 1500.5)]
    public void Evaluate_Arithmetic_GivesTheValue(string expression, double expected) =>
        Assert.Equal(expected, ArithmeticExpression.Evaluate(expression), precision: 10);

    [Theory]
    [InlineData("1 +", "ends where a number")]
    [InlineData("2 * (3", "Expected ')'")]
    [InlineData("1 / 0", "Division by zero")]
    [InlineData("System.IO.File.Delete(\"x\")", "Expected a number")]
    [InlineData("1 2", "Unexpected '2'")]
    [InlineData("sqrt(-1)", "negative")]
    public void Evaluate_NotArithmetic_ThrowsFormatExceptionSayingWhy(string expression, string because)
    {
        var error = Assert.Throws<FormatException>(() => ArithmeticExpression.Evaluate(expression));
        Assert.Contains(because, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeepNesting_IsRefusedInsteadOfOverflowingTheStack() =>
        Assert.Throws<FormatException>(() => ArithmeticExpression.Evaluate(new string('(', 200) + "1" + new string(')', 200)));
}
