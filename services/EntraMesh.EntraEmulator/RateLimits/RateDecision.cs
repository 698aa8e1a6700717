namespace EntraMesh.EntraEmulator.RateLimits;

/// <summary>Whether a call may proceed; when not, which limit refused it and when to retry.</summary>
public readonly record struct RateDecision(bool Admitted, TimeSpan RetryAfter, string? Limit)
{
    public static readonly RateDecision Allow = new(true, TimeSpan.Zero, null);
}
