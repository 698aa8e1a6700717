using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>Everything one batch writes, in one transaction.</summary>
public sealed class ProjectionChanges
{
    public List<WorkerRecord> Workers { get; } = [];
    public List<(WorkerKey Worker, Lane Lane)> Lanes { get; } = [];
    public List<TimelineEntry> Timeline { get; } = [];
    public CountDeltas Counts { get; } = new();
    public List<LatencySample> Latency { get; } = [];
    public List<BudgetReport> Budgets { get; } = [];
    public List<InvalidEvent> Invalid { get; } = [];

    /// <summary>The counter shard this transaction adds to.</summary>
    public short Shard { get; init; }
}
