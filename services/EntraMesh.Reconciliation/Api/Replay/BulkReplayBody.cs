namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>
/// Replay every worker with a target in one of <see cref="States"/> (default Failed and Rejected; Stuck allowed)
/// matching the filter. Refused when more than <see cref="MaxWorkers"/> match (narrow the filter), so a large replay is
/// always deliberate. <see cref="DryRun"/> only counts and lists them.
/// </summary>
public sealed record BulkReplayBody(
    string? Reason,
    IReadOnlyList<string>? States,
    string? Target,
    string? ChangeKind,
    string? ErrorCode,
    string? SourceId,
    DateTimeOffset? Since,
    int? MaxWorkers,
    bool DryRun = false);
