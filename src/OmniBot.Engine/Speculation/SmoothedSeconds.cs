namespace OmniBot.Engine.Speculation;

/// <summary>A timing that follows recent measurements without jumping on one noisy sample; zero until measured.</summary>
internal struct SmoothedSeconds
{
    private const double Smoothing = 0.25;

    public double Value { get; private set; }

    public void Add(double seconds) => Value = Value == 0 ? seconds : Value + (Smoothing * (seconds - Value));
}
