namespace EntraMesh.Mapping.Planning;

/// <summary>A worker as ingest names it: revisions, locks and planned identities are kept per (source, worker).</summary>
public readonly record struct WorkerKey(string SourceId, string WorkerId) : IComparable<WorkerKey>
{
    public int CompareTo(WorkerKey other)
    {
        var source = string.CompareOrdinal(SourceId, other.SourceId);
        return source != 0 ? source : string.CompareOrdinal(WorkerId, other.WorkerId);
    }

    public override string ToString() => $"{SourceId}/{WorkerId}";
}
