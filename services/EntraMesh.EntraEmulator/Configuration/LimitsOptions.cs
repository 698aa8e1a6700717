namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>Entra's bulkUpload limits. Each can be changed; 0 switches one off; <see cref="Enabled"/> false switches all off.</summary>
public sealed class LimitsOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Operations per bulkUpload request (Entra: 50).</summary>
    public int MaxOperationsPerRequest { get; set; } = 50;

    /// <summary>bulkUpload calls per tenant in any <see cref="Window"/> (Entra: 40 in 5 seconds).</summary>
    public int CallsPerWindow { get; set; } = 40;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>bulkUpload calls per tenant in any 24 hours (Entra: 2,000 with P1/P2, 6,000 with Governance). A tenant may override it.</summary>
    public int DailyCalls { get; set; } = 2000;

    public TimeSpan DailyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest bulkUpload body accepted, in bytes (larger: 413).</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    public int EffectiveMaxOperations => Enabled ? MaxOperationsPerRequest : 0;

    public LimitsOptions Clone() => (LimitsOptions)MemberwiseClone();
}
