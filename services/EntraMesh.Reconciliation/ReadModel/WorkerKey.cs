namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>A worker as every event names it: the HR source and the worker's id in that source.</summary>
public readonly record struct WorkerKey(string SourceId, string WorkerId)
{
    public override string ToString() => $"{SourceId}/{WorkerId}";
}
