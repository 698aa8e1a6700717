namespace EntraMesh.Bench.Measures;

/// <summary>One worker in one target as reconciliation lists it, with the times of its steps.</summary>
public sealed record LaneRow(
    string WorkerId,
    string Target,
    long Revision,
    string State,
    string? ChangeKind,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Entra's answer is known (reconciliation shows the outcome from the provisioning logs).</summary>
    public bool HasOutcome => State is "Succeeded" or "Failed" || (State == "Skipped" && CompletedAt is not null);
}
