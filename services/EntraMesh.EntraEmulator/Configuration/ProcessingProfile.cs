namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>Preset delays: <see cref="Fast"/> for tests, <see cref="Realistic"/> for Entra's minutes.</summary>
public enum ProcessingProfile
{
    /// <summary>Processed and logged at once.</summary>
    Fast,

    /// <summary>Processed 30 s to 2 min after acceptance; log entries appear 5 to 10 min after processing.</summary>
    Realistic,
}
