using System.Diagnostics.Metrics;
using EntraMesh.EntraEmulator.Faults;

namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>
/// Counts since start or the last reset: calls per endpoint, answers per status, 429s from the real limits, injected
/// faults, and operations accepted and processed by outcome. Also published as metrics (meter <c>EntraMesh.EntraEmulator</c>).
/// </summary>
public sealed class EmulatorCounters : IDisposable
{
    public const string MeterName = "EntraMesh.EntraEmulator";

    static readonly string[] Outcomes = ["success", "failure", "skipped", "warning"];

    readonly long[] calls = new long[Enum.GetValues<EmulatorEndpoint>().Length];
    readonly long[] statuses = new long[600];
    readonly long[] faults = new long[Enum.GetValues<FaultKind>().Length];
    readonly long[] processed = new long[Outcomes.Length];
    readonly Meter meter = new(MeterName);
    readonly Counter<long> callCounter;
    readonly Counter<long> operationCounter;
    long throttled;
    long accepted;
    long purged;

    public EmulatorCounters()
    {
        callCounter = meter.CreateCounter<long>("entramesh.emulator.calls", "{call}", "Calls to emulated Entra endpoints");
        operationCounter = meter.CreateCounter<long>("entramesh.emulator.operations", "{operation}", "bulkUpload operations processed, by outcome");
    }

    public void Call(EmulatorEndpoint endpoint, int status)
    {
        Interlocked.Increment(ref calls[(int)endpoint]);
        if (status is >= 0 and < 600) Interlocked.Increment(ref statuses[status]);
        callCounter.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint.ToString()), new KeyValuePair<string, object?>("status", status));
    }

    public void Throttled() => Interlocked.Increment(ref throttled);

    public void Fault(FaultKind kind) => Interlocked.Increment(ref faults[(int)kind]);

    public void OperationsAccepted(int count) => Interlocked.Add(ref accepted, count);

    /// <summary>Staged operations a job restart threw away (as Entra's restart does).</summary>
    public void OperationsPurged(long count) => Interlocked.Add(ref purged, count);

    public void OperationProcessed(string status)
    {
        var index = Array.IndexOf(Outcomes, status);
        if (index >= 0) Interlocked.Increment(ref processed[index]);
        operationCounter.Add(1, new KeyValuePair<string, object?>("outcome", status));
    }

    public EmulatorCountersSnapshot Snapshot(long pendingOperations) => new(
        Enum.GetValues<EmulatorEndpoint>().ToDictionary(endpoint => endpoint.ToString(), endpoint => Interlocked.Read(ref calls[(int)endpoint])),
        Enumerable.Range(0, statuses.Length).Where(status => Interlocked.Read(ref statuses[status]) > 0)
            .ToDictionary(status => status.ToString(System.Globalization.CultureInfo.InvariantCulture), status => Interlocked.Read(ref statuses[status])),
        Interlocked.Read(ref throttled),
        Enum.GetValues<FaultKind>().ToDictionary(kind => kind.ToString(), kind => Interlocked.Read(ref faults[(int)kind])),
        new OperationCounts(
            Interlocked.Read(ref accepted),
            pendingOperations,
            Interlocked.Read(ref processed[0]),
            Interlocked.Read(ref processed[1]),
            Interlocked.Read(ref processed[2]),
            Interlocked.Read(ref processed[3]),
            Interlocked.Read(ref purged)));

    public void Reset()
    {
        Array.Clear(calls);
        Array.Clear(statuses);
        Array.Clear(faults);
        Array.Clear(processed);
        Interlocked.Exchange(ref throttled, 0);
        Interlocked.Exchange(ref accepted, 0);
        Interlocked.Exchange(ref purged, 0);
    }

    public void Dispose() => meter.Dispose();
}
