using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Faults;
using EntraMesh.EntraEmulator.Inspection;

namespace EntraMesh.Bench.Measures;

/// <summary>
/// bulkUpload calls one tenant made, from the emulator's call log: how many, how they were answered, operations in the
/// accepted ones, and when each accepted call was answered (arrival + duration).
/// </summary>
public sealed record BulkCalls(IReadOnlyList<CallRecord> Records)
{
    public int Calls => Records.Count;
    public int Accepted => Records.Count(r => r.Status == 202);
    public int Throttled => Records.Count(r => r.Status == 429);
    public int OtherAnswers => Records.Count(r => r.Status is not 202 and not 429);
    public long OperationsAccepted => Records.Where(r => r.Status == 202).Sum(r => (long)r.Operations);
    public double OperationsPerAcceptedCall => Accepted == 0 ? 0 : (double)OperationsAccepted / Accepted;

    /// <summary>The most calls in any window of <paramref name="window"/>.</summary>
    public int MostInAnyWindow(TimeSpan window) => EmulatorInspectionClient.MaxCallsInAnyWindow(Records, window);

    /// <summary>One time per operation Entra accepted: when its call was answered.</summary>
    public List<DateTimeOffset> OperationAcceptances() =>
        Records.Where(r => r.Status == 202)
            .SelectMany(r => Enumerable.Repeat(r.At + TimeSpan.FromMilliseconds(r.DurationMilliseconds), r.Operations))
            .ToList();

    public static async Task<BulkCalls> ReadAsync(EmulatorInspectionClient emulator, string tenantId, DateTimeOffset since, CancellationToken cancellationToken) =>
        new((await emulator.GetCallsAsync(since, EmulatorEndpoint.BulkUpload, cancellationToken))
            .Where(r => string.Equals(r.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)).ToList());
}
