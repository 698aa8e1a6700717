using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>Raised by the stuck scan: submitted at or before <see cref="Cutoff"/> and no outcome since.</summary>
public sealed record StuckDetected : LaneEvent
{
    public required DateTimeOffset Cutoff { get; init; }
    public required TimeSpan StuckAfter { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }

    public override string Name => "StuckDetected";
    public override WorkerState State => WorkerState.Stuck;
    public override int Stage => ReadModel.Stage.Stuck;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["submittedAt"] = SubmittedAt,
        ["stuckAfter"] = StuckAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };
}
