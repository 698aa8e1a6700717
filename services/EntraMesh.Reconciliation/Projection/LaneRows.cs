using System.Data.Common;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>The <c>worker_target</c> table: its columns for bulk writes and how a row reads back.</summary>
public static class LaneRows
{
    public const string Columns =
        "source_id, worker_id, target, revision, state, stage, state_at, change_id, attempt_at, change_kind, record_id, " +
        "accepted_at, planned_at, skipped_at, skip_reason, skip_detail, held_until, queued_at, submitted_at, submission_id, " +
        "job_id, bulk_id, completed_at, outcome_status, action, log_id, target_object_id, status_code, error_code, " +
        "error_reason, stuck_at, latency_recorded, first_seen_at, updated_at, trace_id, unchanged_through";

    static readonly RowSet<(WorkerKey Worker, Lane Lane)> Set = new RowSet<(WorkerKey Worker, Lane Lane)>()
        .Add("source_id", "text", x => x.Worker.SourceId)
        .Add("worker_id", "text", x => x.Worker.WorkerId)
        .Add("target", "text", x => x.Lane.Target)
        .Add("revision", "bigint", x => x.Lane.Revision)
        .Add("state", "text", x => x.Lane.State.ToString())
        .Add("stage", "smallint", x => (short)x.Lane.Stage)
        .Add("state_at", "timestamptz", x => x.Lane.StateAt)
        .Add("change_id", "uuid", x => x.Lane.ChangeId)
        .Add("attempt_at", "timestamptz", x => x.Lane.AttemptAt)
        .Add("change_kind", "text", x => x.Lane.ChangeKind?.ToString())
        .Add("record_id", "uuid", x => x.Lane.RecordId)
        .Add("accepted_at", "timestamptz", x => x.Lane.AcceptedAt)
        .Add("planned_at", "timestamptz", x => x.Lane.PlannedAt)
        .Add("skipped_at", "timestamptz", x => x.Lane.SkippedAt)
        .Add("skip_reason", "text", x => x.Lane.SkipReason)
        .Add("skip_detail", "text", x => x.Lane.SkipDetail)
        .Add("held_until", "timestamptz", x => x.Lane.HeldUntil)
        .Add("queued_at", "timestamptz", x => x.Lane.QueuedAt)
        .Add("submitted_at", "timestamptz", x => x.Lane.SubmittedAt)
        .Add("submission_id", "uuid", x => x.Lane.SubmissionId)
        .Add("job_id", "text", x => x.Lane.JobId)
        .Add("bulk_id", "text", x => x.Lane.BulkId)
        .Add("completed_at", "timestamptz", x => x.Lane.CompletedAt)
        .Add("outcome_status", "text", x => x.Lane.OutcomeStatus?.ToString())
        .Add("action", "text", x => x.Lane.Action)
        .Add("log_id", "text", x => x.Lane.LogId)
        .Add("target_object_id", "text", x => x.Lane.TargetObjectId)
        .Add("status_code", "integer", x => x.Lane.StatusCode)
        .Add("error_code", "text", x => x.Lane.ErrorCode)
        .Add("error_reason", "text", x => x.Lane.ErrorReason)
        .Add("stuck_at", "timestamptz", x => x.Lane.StuckAt)
        .Add("latency_recorded", "boolean", x => x.Lane.LatencyRecorded)
        .Add("first_seen_at", "timestamptz", x => x.Lane.FirstSeenAt)
        .Add("updated_at", "timestamptz", x => x.Lane.UpdatedAt)
        .Add("trace_id", "text", x => x.Lane.TraceId)
        .Add("unchanged_through", "bigint", x => x.Lane.UnchangedThrough);

    /// <summary>Inserts new lanes and overwrites changed ones (their worker rows are locked) in one statement.</summary>
    public static Npgsql.NpgsqlBatchCommand Upsert(IReadOnlyList<(WorkerKey Worker, Lane Lane)> lanes)
    {
        var names = string.Join(", ", Set.Names);
        var assignments = string.Join(", ", Set.Names
            .Where(name => name is not ("source_id" or "worker_id" or "target" or "first_seen_at"))
            .Select(name => $"{name} = EXCLUDED.{name}"));
        var sql = $"INSERT INTO worker_target ({names}) SELECT {names} FROM {Set.Unnest("l")} " +
                  $"ON CONFLICT (source_id, worker_id, target) DO UPDATE SET {assignments}";
        return Set.Command(sql, "l", lanes);
    }

    public static Lane Read(DbDataReader r) => new()
    {
        Target = r.GetString(2),
        Revision = r.GetInt64(3),
        State = r.State(4),
        Stage = r.GetInt16(5),
        StateAt = r.GetFieldValue<DateTimeOffset>(6),
        ChangeId = r.Uuid(7),
        AttemptAt = r.Time(8),
        ChangeKind = r.Kind(9),
        RecordId = r.Uuid(10),
        AcceptedAt = r.Time(11),
        PlannedAt = r.Time(12),
        SkippedAt = r.Time(13),
        SkipReason = r.String(14),
        SkipDetail = r.String(15),
        HeldUntil = r.Time(16),
        QueuedAt = r.Time(17),
        SubmittedAt = r.Time(18),
        SubmissionId = r.Uuid(19),
        JobId = r.String(20),
        BulkId = r.String(21),
        CompletedAt = r.Time(22),
        OutcomeStatus = r.Outcome(23),
        Action = r.String(24),
        LogId = r.String(25),
        TargetObjectId = r.String(26),
        StatusCode = r.Int(27),
        ErrorCode = r.String(28),
        ErrorReason = r.String(29),
        StuckAt = r.Time(30),
        LatencyRecorded = r.GetBoolean(31),
        FirstSeenAt = r.GetFieldValue<DateTimeOffset>(32),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(33),
        TraceId = r.String(34),
        UnchangedThrough = r.IsDBNull(35) ? null : r.GetInt64(35),
    };
}
