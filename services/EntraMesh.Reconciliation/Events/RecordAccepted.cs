using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>From <c>WorkerRecordAccepted</c>: a new revision of the worker arrived.</summary>
public sealed record RecordAccepted : PipelineEvent
{
    public DateTimeOffset? EffectiveAt { get; init; }
    public bool Terminated { get; init; }
    public string? Channel { get; init; }

    public override string Name => "WorkerRecordAccepted";
    public override WorkerState State => WorkerState.Accepted;

    public override IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>
    {
        ["recordId"] = RecordId,
        ["channel"] = Channel,
        ["terminated"] = Terminated,
        ["effectiveAt"] = EffectiveAt,
    };
}
