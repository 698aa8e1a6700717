using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Workers;

/// <summary>Where a worker stands: overall, in each target, and every event seen for it.</summary>
public sealed record WorkerDetail(
    string SourceId,
    string WorkerId,
    long Revision,
    WorkerState State,
    ChangeKind? ChangeKind,
    Guid? RecordId,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? EffectiveAt,
    bool? Terminated,
    string? Channel,
    string? SkipReason,
    string? SkipDetail,
    DateTimeOffset? HeldUntil,
    string? ErrorCode,
    string? ErrorReason,
    DateTimeOffset? PendingSince,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset UpdatedAt,
    string? TraceId,
    IReadOnlyList<TargetStatus> Targets,
    IReadOnlyList<TimelineItem> Timeline);
