namespace OmniBot.Engine.Speculation;

/// <summary>
/// How likely a request's next guess is to come true, from its recent drafts: each guess is taken to hold
/// with the same probability until the first miss. Old evidence fades so that a request entering or leaving
/// repetitive text changes its mind within a few drafts.
/// </summary>
internal sealed class AcceptanceEstimate
{
    private const double Fading = 0.85;

    // One accepted and one missed guess of prior evidence: an untried request starts at one in two.
    private double _accepted = 1;
    private double _missed = 1;

    public double Probability => _accepted / (_accepted + _missed);

    public void Record(int accepted, bool missed)
    {
        _accepted = _accepted * Fading + accepted;
        _missed = _missed * Fading + (missed ? 1 : 0);
    }
}
