using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>From <c>IdentityChangeSkipped</c> without a target: mapping sends nothing for the worker at all.</summary>
public sealed record WorkerSkipped : PipelineEvent
{
    public required SkipReason Reason { get; init; }
    public DateTimeOffset? HeldUntil { get; init; }
    public string? Detail { get; init; }

    public override string Name => "IdentityChangeSkipped";
    public override WorkerState State => Reason == SkipReason.Held ? WorkerState.Held : WorkerState.Skipped;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["recordId"] = RecordId,
        ["reason"] = Reason.ToString(),
        ["heldUntil"] = HeldUntil,
        ["detail"] = Detail,
    };
}
