using System.Text.Json.Nodes;
using EntraMesh.Contracts;

namespace EntraMesh.Reconciliation.Tests.Infrastructure;

/// <summary>The events of one worker's trip through the pipeline for one revision and target, with predictable times.</summary>
public sealed class Journey(string sourceId, string workerId, long revision = 1, string target = "cloud", DateTimeOffset? start = null)
{
    public string SourceId { get; } = sourceId;
    public string WorkerId { get; } = workerId;
    public long Revision { get; } = revision;
    public string Target { get; } = target;
    /// <summary>When the revision was accepted; every step's time follows from it (move it on for a later attempt).</summary>
    public DateTimeOffset Start { get; set; } = start ?? Truncate(DateTimeOffset.UtcNow.AddMinutes(-30));
    public Guid RecordId { get; } = Guid.NewGuid();
    public Guid ChangeId { get; set; } = Guid.NewGuid();
    public Guid SubmissionId { get; } = Guid.NewGuid();
    public string JobId { get; } = "API2AAD.0123456789abcdef0123456789abcdef." + Guid.NewGuid();

    public DateTimeOffset AcceptedAt => Start;
    public DateTimeOffset PlannedAt => Start.AddSeconds(1);
    public DateTimeOffset QueuedAt => Start.AddSeconds(2);
    public DateTimeOffset SubmittedAt => Start.AddSeconds(3);
    public DateTimeOffset CompletedAt => Start.AddMinutes(6);

    public Journey ForRevision(long next, DateTimeOffset? start = null) => new(SourceId, WorkerId, next, Target, start ?? Start.AddHours(1));

    public Journey ForTarget(string other) => new(SourceId, WorkerId, Revision, other, Start);

    public WorkerRecordAccepted Accepted(bool terminated = false) => new()
    {
        RecordId = RecordId,
        SourceId = SourceId,
        WorkerId = WorkerId,
        Revision = Revision,
        ReceivedAt = AcceptedAt,
        Attributes = new Dictionary<string, string?> { ["FirstName"] = "Talya", ["LastName"] = "Grech" },
        Terminated = terminated,
        Channel = "webhook",
    };

    public IdentityChangePlanned Planned(ChangeKind kind = ChangeKind.Joiner, DateTimeOffset? at = null) => new()
    {
        ChangeId = ChangeId,
        RecordId = RecordId,
        SourceId = SourceId,
        WorkerId = WorkerId,
        Revision = Revision,
        Target = Target,
        ChangeKind = kind,
        Priority = ChangePriorities.For(kind),
        Data = new JsonObject { ["externalId"] = WorkerId, ["active"] = kind != ChangeKind.Leaver },
        ChangedAttributes = ["externalId", "active"],
        PlannedAt = at ?? PlannedAt,
    };

    public IdentityChangeSkipped Skipped(SkipReason reason, string? detail = null, DateTimeOffset? heldUntil = null, bool withTarget = true) => new()
    {
        RecordId = RecordId,
        SourceId = SourceId,
        WorkerId = WorkerId,
        Revision = Revision,
        Target = withTarget ? Target : null,
        Reason = reason,
        HeldUntil = heldUntil,
        Detail = detail,
        SkippedAt = PlannedAt,
    };

    public IdentityChangeQueued Queued(ChangeKind kind = ChangeKind.Joiner) => new()
    {
        ChangeId = ChangeId,
        RecordId = RecordId,
        SourceId = SourceId,
        WorkerId = WorkerId,
        Revision = Revision,
        Target = Target,
        ChangeKind = kind,
        QueuedAt = QueuedAt,
    };

    public SubmittedOperation Operation(ChangeKind kind = ChangeKind.Joiner) => new()
    {
        ChangeId = ChangeId,
        RecordId = RecordId,
        SourceId = SourceId,
        WorkerId = WorkerId,
        Revision = Revision,
        BulkId = WorkerId,
        ExternalId = WorkerId,
        ChangeKind = kind,
    };

    public ProvisioningSubmitted Submitted(ChangeKind kind = ChangeKind.Joiner, int? callsRemaining = null, DateTimeOffset? at = null) => new()
    {
        SubmissionId = SubmissionId,
        Target = Target,
        JobId = JobId,
        RequestId = "req-" + SubmissionId.ToString("N")[..8],
        SubmittedAt = at ?? SubmittedAt,
        Operations = [Operation(kind)],
        DailyCallsRemaining = callsRemaining,
        DailyCallsLimit = callsRemaining is null ? null : 2000,
    };

    public ProvisioningOutcomeObserved Outcome(OutcomeStatus status, string? errorCode = null, string? errorReason = null, DateTimeOffset? at = null) => new()
    {
        SourceId = SourceId,
        WorkerId = WorkerId,
        Revision = Revision,
        RecordId = RecordId,
        ChangeId = ChangeId,
        SubmissionId = SubmissionId,
        Target = Target,
        JobId = JobId,
        LogId = "log-" + Guid.NewGuid().ToString("N")[..12],
        Action = "create",
        Status = status,
        ErrorCode = errorCode,
        ErrorReason = errorReason,
        ActivityAt = at ?? CompletedAt,
        TargetObjectId = status == OutcomeStatus.Success ? Guid.NewGuid().ToString() : null,
        ObservedAt = (at ?? CompletedAt).AddMinutes(5),
    };

    public ProvisioningRejected Rejected(int statusCode = 400, string? errorCode = "InvalidDataFormat", string error = "Invalid Data Format") => new()
    {
        SubmissionId = SubmissionId,
        Target = Target,
        RejectedAt = SubmittedAt.AddSeconds(1),
        Operations =
        [
            new RejectedOperation
            {
                ChangeId = ChangeId, RecordId = RecordId, SourceId = SourceId, WorkerId = WorkerId, Revision = Revision, BulkId = WorkerId,
                ChangeKind = ChangeKind.Joiner, StatusCode = statusCode, ErrorCode = errorCode, Error = error,
            },
        ],
    };

    public static DateTimeOffset Truncate(DateTimeOffset value) => new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
