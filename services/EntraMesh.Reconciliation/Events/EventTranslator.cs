using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Events;

/// <summary>
/// Turns the pipeline's contracts into the read model's events: times in UTC to the microsecond (PostgreSQL's
/// precision, so a redelivered event compares equal to the stored one), one event per operation of a bulk call.
/// Events that name no worker (or no target where one is needed) cannot be placed and are reported instead.
/// </summary>
public static class EventTranslator
{
    public static Translation From(WorkerRecordAccepted m, Guid? messageId, string? traceId)
    {
        var problem = Missing(("sourceId", m.SourceId), ("workerId", m.WorkerId));
        if (problem is not null) return Translation.Rejected(problem, Ids(("recordId", m.RecordId), ("revision", m.Revision)));
        return Translation.Of(new RecordAccepted
        {
            Worker = new WorkerKey(m.SourceId, m.WorkerId),
            Revision = m.Revision,
            OccurredAt = Utc(m.ReceivedAt),
            RecordId = m.RecordId,
            EffectiveAt = UtcOrNull(m.EffectiveAt),
            Terminated = m.Terminated,
            Channel = Clean(m.Channel),
            MessageId = messageId,
            TraceId = traceId,
        });
    }

    public static Translation From(IdentityChangePlanned m, Guid? messageId, string? traceId)
    {
        var problem = Missing(("sourceId", m.SourceId), ("workerId", m.WorkerId), ("target", m.Target));
        if (problem is not null) return Translation.Rejected(problem, Ids(("changeId", m.ChangeId), ("recordId", m.RecordId), ("revision", m.Revision)));
        return Translation.Of(new ChangePlanned
        {
            Worker = new WorkerKey(m.SourceId, m.WorkerId),
            Revision = m.Revision,
            Target = m.Target,
            OccurredAt = Utc(m.PlannedAt),
            RecordId = m.RecordId,
            ChangeId = m.ChangeId,
            ChangeKind = m.ChangeKind,
            Priority = m.Priority,
            ChangedAttributes = (m.ChangedAttributes ?? []).Select(name => Clean(name) ?? "").ToList(),
            RuleSetVersion = Clean(m.RuleSetVersion),
            MessageId = messageId,
            TraceId = traceId,
        });
    }

    public static Translation From(IdentityChangeSkipped m, Guid? messageId, string? traceId)
    {
        var problem = string.IsNullOrWhiteSpace(m.Target)
            ? Missing(("sourceId", m.SourceId), ("workerId", m.WorkerId))
            : Missing(("sourceId", m.SourceId), ("workerId", m.WorkerId), ("target", m.Target));
        if (problem is not null) return Translation.Rejected(problem, Ids(("recordId", m.RecordId), ("revision", m.Revision)));
        var worker = new WorkerKey(m.SourceId, m.WorkerId);
        if (string.IsNullOrWhiteSpace(m.Target))
        {
            return Translation.Of(new WorkerSkipped
            {
                Worker = worker, Revision = m.Revision, OccurredAt = Utc(m.SkippedAt), RecordId = m.RecordId,
                Reason = m.Reason, HeldUntil = UtcOrNull(m.HeldUntil), Detail = Clean(m.Detail), MessageId = messageId, TraceId = traceId,
            });
        }

        return Translation.Of(new ChangeSkipped
        {
            Worker = worker, Revision = m.Revision, Target = m.Target, OccurredAt = Utc(m.SkippedAt), RecordId = m.RecordId,
            Reason = m.Reason, HeldUntil = UtcOrNull(m.HeldUntil), Detail = Clean(m.Detail), MessageId = messageId, TraceId = traceId,
        });
    }

    public static Translation From(IdentityChangeQueued m, Guid? messageId, string? traceId)
    {
        var problem = Missing(("sourceId", m.SourceId), ("workerId", m.WorkerId), ("target", m.Target));
        if (problem is not null) return Translation.Rejected(problem, Ids(("changeId", m.ChangeId), ("recordId", m.RecordId), ("revision", m.Revision)));
        return Translation.Of(new ChangeQueued
        {
            Worker = new WorkerKey(m.SourceId, m.WorkerId),
            Revision = m.Revision,
            Target = m.Target,
            OccurredAt = Utc(m.QueuedAt),
            RecordId = m.RecordId,
            ChangeId = m.ChangeId,
            ChangeKind = m.ChangeKind,
            SupersededRevision = m.SupersededRevision,
            MessageId = messageId,
            TraceId = traceId,
        });
    }

    public static Translation From(ProvisioningSubmitted m, Guid? messageId, string? traceId)
    {
        var identifiers = Ids(("submissionId", m.SubmissionId), ("target", m.Target));
        if (Missing(("target", m.Target)) is { } problem) return Translation.Rejected(problem, identifiers);
        return PerOperation(m.Operations, op => (op.SourceId, op.WorkerId), identifiers, op => new ChangeSubmitted
        {
            Worker = new WorkerKey(op.SourceId, op.WorkerId),
            Revision = op.Revision,
            Target = m.Target,
            OccurredAt = Utc(m.SubmittedAt),
            RecordId = op.RecordId,
            ChangeId = op.ChangeId,
            ChangeKind = op.ChangeKind,
            SubmissionId = m.SubmissionId,
            JobId = Clean(m.JobId),
            RequestId = Clean(m.RequestId),
            BulkId = Clean(op.BulkId),
            MessageId = messageId,
            TraceId = traceId,
        });
    }

    public static Translation From(ProvisioningRejected m, Guid? messageId, string? traceId)
    {
        var identifiers = Ids(("submissionId", m.SubmissionId), ("target", m.Target));
        if (Missing(("target", m.Target)) is { } problem) return Translation.Rejected(problem, identifiers);
        return PerOperation(m.Operations, op => (op.SourceId, op.WorkerId), identifiers, op => new ChangeRejected
        {
            Worker = new WorkerKey(op.SourceId, op.WorkerId),
            Revision = op.Revision,
            Target = m.Target,
            OccurredAt = Utc(m.RejectedAt),
            RecordId = op.RecordId,
            ChangeId = op.ChangeId,
            ChangeKind = op.ChangeKind,
            SubmissionId = m.SubmissionId,
            BulkId = Clean(op.BulkId),
            StatusCode = op.StatusCode,
            ErrorCode = Clean(op.ErrorCode),
            Error = Clean(op.Error),
            MessageId = messageId,
            TraceId = traceId,
        });
    }

    public static Translation From(ProvisioningOutcomeObserved m, Guid? messageId, string? traceId)
    {
        var problem = Missing(("sourceId", m.SourceId), ("workerId", m.WorkerId), ("target", m.Target));
        if (problem is not null) return Translation.Rejected(problem, Ids(("changeId", m.ChangeId), ("logId", m.LogId), ("revision", m.Revision)));
        return Translation.Of(new OutcomeObserved
        {
            Worker = new WorkerKey(m.SourceId, m.WorkerId),
            Revision = m.Revision,
            Target = m.Target,
            OccurredAt = Utc(m.ActivityAt),
            RecordId = m.RecordId,
            ChangeId = m.ChangeId,
            Status = m.Status,
            SubmissionId = m.SubmissionId,
            JobId = Clean(m.JobId),
            LogId = Clean(m.LogId),
            Action = Clean(m.Action),
            ErrorCode = Clean(m.ErrorCode),
            ErrorReason = Clean(m.ErrorReason),
            TargetObjectId = Clean(m.TargetObjectId),
            ObservedAt = UtcOrNull(m.ObservedAt),
            MessageId = messageId,
            TraceId = traceId,
        });
    }

    /// <summary>UTC, truncated to PostgreSQL's microseconds.</summary>
    public static DateTimeOffset Utc(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    static DateTimeOffset? UtcOrNull(DateTimeOffset? value) => value is { } v ? Utc(v) : null;

    /// <summary>Names of identifying fields that are empty, or hold a NUL character (PostgreSQL text cannot).</summary>
    static string? Missing(params (string Name, string? Value)[] fields)
    {
        var missing = fields.Where(field => string.IsNullOrWhiteSpace(field.Value)).Select(field => field.Name).ToList();
        var unusable = fields.Where(field => field.Value?.Contains('\0') == true).Select(field => field.Name).ToList();
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add(string.Join(", ", missing) + (missing.Count == 1 ? " is missing" : " are missing"));
        if (unusable.Count > 0) problems.Add(string.Join(", ", unusable) + " contain(s) a NUL character");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Free text as PostgreSQL can store it: NUL characters become U+FFFD.</summary>
    public static string? Clean(string? value) => value?.Replace('\0', '\uFFFD');

    /// <summary>One event per operation of a bulk call; operations that name no worker are reported by index.</summary>
    static Translation PerOperation<TOperation>(
        IReadOnlyList<TOperation?>? operations,
        Func<TOperation, (string? SourceId, string? WorkerId)> workerOf,
        IReadOnlyDictionary<string, object?> identifiers,
        Func<TOperation, PipelineEvent> translate) where TOperation : class
    {
        operations ??= [];
        var events = new List<PipelineEvent>(operations.Count);
        var unusable = new List<int>();
        for (var index = 0; index < operations.Count; index++)
        {
            var op = operations[index];
            if (op is null || Missing(("sourceId", workerOf(op).SourceId), ("workerId", workerOf(op).WorkerId)) is not null)
            {
                unusable.Add(index);
                continue;
            }

            events.Add(translate(op));
        }

        var problem = unusable.Count == 0 ? null : $"operations [{string.Join(", ", unusable)}] name no source or worker";
        return new Translation(events, problem, identifiers);
    }

    static IReadOnlyDictionary<string, object?> Ids(params (string Name, object? Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value is string text ? Clean(text) : value.Value);
}
