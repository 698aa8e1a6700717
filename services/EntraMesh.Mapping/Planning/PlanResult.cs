using EntraMesh.Contracts;
using EntraMesh.Mapping.Holding;

namespace EntraMesh.Mapping.Planning;

/// <summary>What one planning transaction decided, counted for metrics once it committed.</summary>
internal sealed class PlanResult
{
    public Dictionary<(string Target, ChangeKind Kind), int> Planned { get; } = [];

    public Dictionary<SkipReason, int> Skipped { get; } = [];

    public Dictionary<HoldReason, int> Held { get; } = [];

    public int HoldsReleased { get; set; }

    public int HoldsSuperseded { get; set; }

    /// <summary>The earliest due time of a hold this transaction created (the releaser may have to wake earlier).</summary>
    public DateTimeOffset? EarliestHold { get; private set; }

    public void AddPlanned(string target, ChangeKind kind) => Planned[(target, kind)] = Planned.GetValueOrDefault((target, kind)) + 1;

    public void AddSkipped(SkipReason reason) => Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;

    public void AddHeld(HoldReason reason, DateTimeOffset dueAt)
    {
        Held[reason] = Held.GetValueOrDefault(reason) + 1;
        if (EarliestHold is null || dueAt < EarliestHold) EarliestHold = dueAt;
    }
}
