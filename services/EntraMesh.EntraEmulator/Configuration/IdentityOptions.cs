namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>The identity platform part: token lifetime and clock skew.</summary>
public sealed class IdentityOptions
{
    /// <summary>Lifetime of issued access tokens (Entra: 60-90 minutes).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerance when checking the times of client assertions and access tokens.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
