using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>A provisioning-log entry as the journal keeps it (the same id and times, so a poller never sees it twice).</summary>
public sealed record JournalLogEntry(
    Guid Id, string JobId, DateTimeOffset ActivityDateTime, DateTimeOffset VisibleAt, string CycleId, Guid ChangeId, int DurationInMilliseconds,
    string Action, string Status, string? ErrorCode, string? ErrorReason, string? ErrorCategory, string? RecommendedAction, string SourceId,
    string? SourceDisplayName, string? TargetId, string? TargetDisplayName, List<JournalStep> Steps, List<JournalChange> ModifiedProperties)
{
    public static JournalLogEntry Of(ProvisioningLogEntry entry) => new(
        entry.Id, entry.Job.JobId, entry.ActivityDateTime, entry.VisibleAt, entry.CycleId, entry.ChangeId, entry.DurationInMilliseconds,
        entry.Action, entry.Status, entry.ErrorCode, entry.ErrorReason, entry.ErrorCategory, entry.RecommendedAction, entry.SourceId,
        entry.SourceDisplayName, entry.TargetId, entry.TargetDisplayName, [.. entry.Steps.Select(JournalStep.Of)],
        [.. entry.ModifiedProperties.Select(JournalChange.Of)]);

    public ProvisioningLogEntry ToEntry(ProvisioningJob job) => new()
    {
        Id = Id,
        Job = job,
        ActivityDateTime = ActivityDateTime,
        VisibleAt = VisibleAt,
        CycleId = CycleId,
        ChangeId = ChangeId,
        DurationInMilliseconds = DurationInMilliseconds,
        Action = Action,
        Status = Status,
        ErrorCode = ErrorCode,
        ErrorReason = ErrorReason,
        ErrorCategory = ErrorCategory,
        RecommendedAction = RecommendedAction,
        SourceId = SourceId,
        SourceDisplayName = SourceDisplayName,
        TargetId = TargetId,
        TargetDisplayName = TargetDisplayName,
        Steps = [.. Steps.Select(step => step.ToStep())],
        ModifiedProperties = [.. ModifiedProperties.Select(change => change.ToProperty())],
    };
}
