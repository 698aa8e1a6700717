using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>From <c>IdentityChangeQueued</c>: dispatch stored the change as pending.</summary>
public sealed record ChangeQueued : LaneEvent
{
    public long? SupersededRevision { get; init; }

    public override string Name => "IdentityChangeQueued";
    public override WorkerState State => WorkerState.Queued;
    public override int Stage => ReadModel.Stage.Queued;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["changeId"] = ChangeId,
        ["changeKind"] = ChangeKind?.ToString(),
        ["supersededRevision"] = SupersededRevision,
    };
}
