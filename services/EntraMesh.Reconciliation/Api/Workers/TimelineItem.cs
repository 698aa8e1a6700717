using System.Text.Json;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Workers;

/// <summary>
/// One event seen for the worker: when it happened (<see cref="At"/>, by its publisher's clock) and was recorded,
/// what it stands for, and whether it moved the worker (<see cref="Effect"/>).
/// </summary>
public sealed record TimelineItem(
    long Id,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    string Event,
    string? Target,
    long? Revision,
    WorkerState? State,
    ApplyEffect Effect,
    Guid? ChangeId,
    Guid? MessageId,
    string? TraceId,
    JsonElement? Detail);
