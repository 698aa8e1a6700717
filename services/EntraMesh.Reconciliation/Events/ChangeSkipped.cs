using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>From <c>IdentityChangeSkipped</c> naming a target: held until a date, or nothing to send (and why).</summary>
public sealed record ChangeSkipped : LaneEvent
{
    public required SkipReason Reason { get; init; }
    public DateTimeOffset? HeldUntil { get; init; }
    public string? Detail { get; init; }

    public override string Name => "IdentityChangeSkipped";
    public override WorkerState State => Reason == SkipReason.Held ? WorkerState.Held : WorkerState.Skipped;
    public override int Stage => Reason == SkipReason.Held ? ReadModel.Stage.Held : ReadModel.Stage.Decided;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["recordId"] = RecordId,
        ["reason"] = Reason.ToString(),
        ["heldUntil"] = HeldUntil,
        ["detail"] = Detail,
    };
}
