namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>
/// <c>GET /_emulator/counters</c>: calls per endpoint, answers per HTTP status ("0" = dropped connection), 429s from the
/// real rate limits, injected faults by kind, and operations.
/// </summary>
public sealed record EmulatorCountersSnapshot(
    IReadOnlyDictionary<string, long> Calls,
    IReadOnlyDictionary<string, long> Statuses,
    long Throttled,
    IReadOnlyDictionary<string, long> InjectedFaults,
    OperationCounts Operations);
