namespace EntraMesh.Testing.Chaos;

/// <summary>
/// Settings the chaos run gives the services, on top of the launcher's: shorter waits than production's where production's
/// would outlast the run (a call's timeout, the longest back-off, the lease after which a crashed call's operations are
/// sent again), and a persistent emulator. Nothing here turns a safety off.
/// </summary>
public static class ChaosSettings
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ForServices() =>
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            // The emulated tenant survives the emulator being killed, as Entra's would (docs/entra-emulator.md, "Persistence").
            ["emulator"] = new Dictionary<string, string> { ["Emulator__Persistence__Enabled"] = "true" },
            ["dispatch"] = new Dictionary<string, string>
            {
                ["Dispatch__RequestTimeout"] = "00:00:05",
                ["Dispatch__RetryMaxDelay"] = "00:00:05",
                ["Dispatch__InFlightLease"] = "00:00:30",
            },
        };
}
