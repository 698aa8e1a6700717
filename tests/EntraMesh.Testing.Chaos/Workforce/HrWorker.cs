namespace EntraMesh.Testing.Chaos.Workforce;

/// <summary>
/// One person in the simulated HR system: the current row (the truth the HR system holds), whether the source deleted the
/// worker, and every record sent for them in order. At most one request carrying a record of the worker is in flight at a
/// time (<see cref="Busy"/>), so the order of acceptance is the order of sending and the last accepted record is the truth
/// the mesh must end with. Guarded by the <see cref="Workforce"/>'s lock.
/// </summary>
public sealed class HrWorker
{
    public required string Id { get; init; }

    /// <summary>Employee (on-premises AD) or Contractor (Entra ID), as the sample rules route them; never changes.</summary>
    public required string Type { get; init; }

    public required bool IsManager { get; init; }

    public required Dictionary<string, string?> Row { get; set; }

    public bool Deleted { get; set; }

    public int Sequence { get; set; }

    public bool Busy { get; set; }

    public List<SentRecord> Records { get; } = [];

    public bool IsEmployee => Type == "Employee";

    /// <summary>The last record ingest accepted, or null.</summary>
    public SentRecord? LastAccepted => Records.LastOrDefault(record => record.IsAccepted);

    /// <summary>Revisions ingest handed out for this worker: one per accepted record.</summary>
    public long ExpectedRevision => Records.Count(record => record.IsAccepted);

    public bool Active => !Deleted && string.Equals(Row.GetValueOrDefault("WorkerStatus"), "Active", StringComparison.OrdinalIgnoreCase);
}
