namespace EntraMesh.Reconciliation.ReadModel;

/// <summary>
/// How far a change has come within one revision; a target only moves to a higher stage (or, at the final stage,
/// to a later outcome). Accepted → Held → Planned/Skipped → Queued → Submitted → Stuck → Succeeded/Failed/Rejected.
/// </summary>
public static class Stage
{
    public const int None = -1;
    public const int Accepted = 0;
    public const int Held = 1;
    public const int Decided = 2;
    public const int Queued = 3;
    public const int Submitted = 4;
    public const int Stuck = 5;
    public const int Completed = 6;
}
