namespace OmniBot.Engine.Reasoning;

/// <summary>
/// Follows a reply's text as it is generated to count thinking tokens, and says when the budget is spent
/// and the close marker should be forced.
/// </summary>
internal sealed class ThinkingTracker
{
    private readonly ThinkingBudget _budget;
    private string _recent = string.Empty;
    private bool _thinking;
    private bool _done;
    private int _tokens;

    public ThinkingTracker(ThinkingBudget budget)
    {
        _budget = budget;
        _thinking = budget.StartsInside;
    }

    /// <summary>Feeds one generated token's text; true once, when thinking must be closed now.</summary>
    public bool Observe(string text)
    {
        if (_done)
        {
            return false;
        }

        _recent += text;
        if (!_thinking)
        {
            if (_recent.Contains(_budget.Format.Open, StringComparison.Ordinal))
            {
                _thinking = true;
                _recent = string.Empty;
            }
            else if (_recent.TrimStart().Length > _budget.Format.Open.Length)
            {
                // The reply did not start by thinking: nothing to limit.
                _done = true;
            }

            return false;
        }

        if (_recent.Contains(_budget.Format.Close, StringComparison.Ordinal))
        {
            _done = true;
            return false;
        }

        _recent = _recent.Length > _budget.Format.Close.Length ? _recent[^_budget.Format.Close.Length..] : _recent;
        if (++_tokens >= _budget.MaxTokens)
        {
            _done = true;
            return true;
        }

        return false;
    }
}
