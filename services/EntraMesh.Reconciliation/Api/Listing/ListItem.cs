using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>One row of a list: a worker's overall state (no target) or its state in one target.</summary>
public sealed record ListItem(
    string SourceId,
    string WorkerId,
    string? Target,
    long Revision,
    WorkerState State,
    ChangeKind? ChangeKind,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? StuckAt,
    string? ErrorCode,
    string? ErrorReason,
    string? SkipReason,
    string? SkipDetail,
    DateTimeOffset? HeldUntil,
    IReadOnlyList<string>? Targets,
    DateTimeOffset UpdatedAt,
    string? TraceId);
