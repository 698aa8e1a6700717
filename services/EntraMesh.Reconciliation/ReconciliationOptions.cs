using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Reconciliation;

/// <summary>The <c>Reconciliation</c> section.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>A submitted change with no outcome after this long is Stuck (Entra's logs lag 5-10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Reconciliation:StuckAfter must be between 1 minute and 7 days.")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the stuck scan runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Reconciliation:StuckScanInterval must be between 1 second and 1 hour.")]
    public TimeSpan StuckScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Changes marked stuck per scan transaction (the scan repeats until none are left).</summary>
    [Range(1, 10_000, ErrorMessage = "Reconciliation:StuckScanBatchSize must be between 1 and 10000.")]
    public int StuckScanBatchSize { get; set; } = 500;

    /// <summary>Messages projected together in one transaction, per consumer.</summary>
    [Range(1, 1_000, ErrorMessage = "Reconciliation:BatchMessageLimit must be between 1 and 1000.")]
    public int BatchMessageLimit { get; set; } = 100;

    /// <summary>How long a partial batch waits for more messages.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "Reconciliation:BatchTimeLimit must be between 1 ms and 10 seconds.")]
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Batches consumed at the same time, per consumer (they wait for a projection writer).</summary>
    [Range(1, 32, ErrorMessage = "Reconciliation:BatchConcurrency must be between 1 and 32.")]
    public int BatchConcurrency { get; set; } = 2;

    /// <summary>
    /// Projection transactions at the same time in this replica; the batches of every queue that wait meanwhile are applied
    /// together by the next one (group commit).
    /// </summary>
    [Range(1, 16, ErrorMessage = "Reconciliation:ProjectionWriters must be between 1 and 16.")]
    public int ProjectionWriters { get; set; } = 1;

    /// <summary>About how many events one projection transaction applies at most when batches wait (a single batch may be larger).</summary>
    [Range(100, 100_000, ErrorMessage = "Reconciliation:MaxEventsPerTransaction must be between 100 and 100000.")]
    public int MaxEventsPerTransaction { get; set; } = 5_000;

    /// <summary>
    /// A worker whose export failed because its manager was not in Entra yet (<c>UnableToResolveReferenceAttributeValue</c>:
    /// the report reached Entra in an earlier call than its manager) is planned again automatically, at most this many times
    /// in 24 hours; 0 leaves it Failed for an operator to replay.
    /// </summary>
    [Range(0, 10, ErrorMessage = "Reconciliation:UnresolvedManagerReplays must be between 0 and 10.")]
    public int UnresolvedManagerReplays { get; set; } = 3;

    [Range(1, 10_000, ErrorMessage = "Reconciliation:DefaultPageSize must be between 1 and 10000.")]
    public int DefaultPageSize { get; set; } = 100;

    [Range(1, 10_000, ErrorMessage = "Reconciliation:MaxPageSize must be between 1 and 10000.")]
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>Rows a CSV export without <c>limit</c> streams at most.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Reconciliation:MaxExportRows must be between 1 and 10000000.")]
    public int MaxExportRows { get; set; } = 1_000_000;

    /// <summary>Workers one bulk replay may ask for (each replay costs dispatch budget).</summary>
    [Range(1, 100_000, ErrorMessage = "Reconciliation:MaxBulkReplay must be between 1 and 100000.")]
    public int MaxBulkReplay { get; set; } = 10_000;

    /// <summary>The summary's latency window when the request names none.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Reconciliation:LatencyWindow must be between 1 minute and 90 days.")]
    public TimeSpan LatencyWindow { get; set; } = TimeSpan.FromHours(24);
}
