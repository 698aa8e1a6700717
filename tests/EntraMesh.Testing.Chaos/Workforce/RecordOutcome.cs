namespace EntraMesh.Testing.Chaos.Workforce;

/// <summary>What ingest said about a record the HR system sent.</summary>
public enum RecordOutcome
{
    /// <summary>Not answered yet (in flight, or being retried).</summary>
    Pending,

    /// <summary>Accepted with a revision.</summary>
    Accepted,

    /// <summary>A retry was answered <c>duplicate</c>: an earlier attempt whose answer was lost had been accepted.</summary>
    AcceptedEarlier,

    /// <summary>Ingest refused it (with a reason); a defect in a chaos run, whose records are all valid.</summary>
    Rejected,

    /// <summary>The HR system gave up: no attempt got a definite answer before the deadline.</summary>
    Undelivered,
}
