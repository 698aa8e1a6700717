namespace EntraMesh.Testing.Chaos.Observation;

/// <summary>
/// How far a change has come within one revision, as reconciliation documents it (docs/reconciliation.md, "States"):
/// Accepted → Held → Planned/Skipped → Queued → Submitted → Stuck → Succeeded/Failed/Rejected. A skip decided by Entra
/// (<c>SkippedByEntra</c>) is an outcome, at the last stage.
/// </summary>
public static class Stages
{
    public static int Of(string state, string? skipReason) => state switch
    {
        "Accepted" => 0,
        "Held" => 1,
        "Planned" => 2,
        "Skipped" => skipReason == "SkippedByEntra" ? 6 : 2,
        "Queued" => 3,
        "Submitted" => 4,
        "Stuck" => 5,
        _ => 6,
    };

    /// <summary>States in which something is still under way.</summary>
    public static bool InFlight(string state) => state is "Accepted" or "Held" or "Planned" or "Queued" or "Submitted";
}
