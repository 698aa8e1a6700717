using System.Globalization;

namespace EntraMesh.Bench.Infrastructure;

/// <summary>How a scenario wants the mesh: Entra's limits on or off, the tenant's daily budget, extra settings.</summary>
public sealed record MeshProfile
{
    /// <summary>Entra's rate and daily limits on in the emulator, and dispatch pacing itself to them.</summary>
    public bool EntraLimits { get; init; } = true;

    /// <summary>Calls per rolling 24 h, in the emulator and in dispatch: 2,000 (Entra ID P1/P2) or 6,000 (Governance).</summary>
    public int DailyBudget { get; init; } = 2000;

    /// <summary>More settings per service (environment variable names), e.g. the baseline's tenant in the emulator.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Extra { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public string Describe() => EntraLimits
        ? string.Create(CultureInfo.InvariantCulture, $"Entra's limits (40 calls per 5 s, {DailyBudget:N0} calls a day)")
        : "limits off (emulator and dispatch)";

    /// <summary>The settings handed to the launcher.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> Settings()
    {
        var dispatch = new Dictionary<string, string>(StringComparer.Ordinal);
        var emulator = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var target = 0; target < 2; target++)
        {
            var prefix = $"Dispatch__Targets__{target}__";
            dispatch[prefix + "DailyBudget"] = EntraLimits ? DailyBudget.ToString(CultureInfo.InvariantCulture) : "1000000";
            if (!EntraLimits) dispatch[prefix + "CallsPerWindow"] = "100000";
        }

        // Without Entra's pacing, how fast dispatch reserves and completes calls bounds the rate: at 2,000 records/s the
        // employees' target alone needs about 27 calls of 50 a second. So 16 calls in flight per target instead of 4, and
        // two reservations at a time instead of one (each a few round trips to PostgreSQL, slow on a busy 2-core machine).
        // With the limits on, 40 calls per 5 s need neither.
        if (!EntraLimits)
        {
            dispatch["Dispatch__MaxConcurrentCalls"] = "16";
            dispatch["Dispatch__ConcurrentClaims"] = "2";
            dispatch["Dispatch__MaxCallsPerClaim"] = "4";
        }

        if (EntraLimits) emulator["Emulator__Tenants__0__DailyCalls"] = DailyBudget.ToString(CultureInfo.InvariantCulture);

        var settings = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["dispatch"] = dispatch, ["emulator"] = emulator };
        foreach (var (service, values) in Extra)
        {
            var merged = settings.TryGetValue(service, out var existing) ? new Dictionary<string, string>(existing) : [];
            foreach (var (key, value) in values) merged[key] = value;
            settings[service] = merged;
        }

        return settings;
    }
}
