using EntraMesh.EntraEmulator.Diagnostics;

namespace EntraMesh.Testing.Chaos.Disruption;

/// <summary>
/// The emulator's counters added up over its lifetimes: they start from zero when the emulator is killed and started
/// again, so the run reads them just before each kill and once at the end.
/// </summary>
public sealed class EmulatorTotals
{
    readonly Lock gate = new();

    public Dictionary<string, long> Calls { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Statuses { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> InjectedFaults { get; } = new(StringComparer.Ordinal);
    public long Throttled { get; private set; }
    public long OperationsAccepted { get; private set; }
    public long OperationsSucceeded { get; private set; }
    public long OperationsFailed { get; private set; }
    public long OperationsSkipped { get; private set; }
    public long OperationsPurged { get; private set; }

    /// <summary>Lifetimes of the emulator whose counters could not be read before it was killed (their figures are missing).</summary>
    public int MissedReadings { get; private set; }

    public void MissedReading()
    {
        lock (gate) MissedReadings++;
    }

    public long InjectedFaultCount
    {
        get
        {
            lock (gate) return InjectedFaults.Values.Sum();
        }
    }

    public void Add(EmulatorCountersSnapshot counters)
    {
        lock (gate)
        {
            Merge(Calls, counters.Calls);
            Merge(Statuses, counters.Statuses);
            Merge(InjectedFaults, counters.InjectedFaults);
            Throttled += counters.Throttled;
            OperationsAccepted += counters.Operations.Accepted;
            OperationsSucceeded += counters.Operations.Success + counters.Operations.Warning;
            OperationsFailed += counters.Operations.Failure;
            OperationsSkipped += counters.Operations.Skipped;
            OperationsPurged += counters.Operations.Purged;
        }
    }

    static void Merge(Dictionary<string, long> into, IReadOnlyDictionary<string, long> from)
    {
        foreach (var (key, value) in from) into[key] = into.GetValueOrDefault(key) + value;
    }
}
