using System.Data.Common;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>The <c>worker</c> table: its columns for bulk writes and how a row reads back.</summary>
public static class WorkerRows
{
    public const string Columns =
        "source_id, worker_id, revision, state, change_kind, targets, base_state, base_at, base_skip_reason, base_skip_detail, " +
        "base_held_until, record_id, accepted_at, effective_at, terminated, channel, skip_reason, skip_detail, held_until, " +
        "error_code, error_reason, revision_started_at, first_seen_at, updated_at, trace_id";

    static readonly RowSet<WorkerRecord> Set = new RowSet<WorkerRecord>()
        .Add("source_id", "text", w => w.Key.SourceId)
        .Add("worker_id", "text", w => w.Key.WorkerId)
        .Add("revision", "bigint", w => w.Revision)
        .Add("state", "text", w => w.State.ToString())
        .Add("change_kind", "text", w => w.ChangeKind?.ToString())
        .Add("targets", "text", w => string.Join(DbValues.TargetSeparator, w.Targets))
        .Add("base_state", "text", w => w.BaseState?.ToString())
        .Add("base_at", "timestamptz", w => w.BaseAt)
        .Add("base_skip_reason", "text", w => w.BaseSkipReason)
        .Add("base_skip_detail", "text", w => w.BaseSkipDetail)
        .Add("base_held_until", "timestamptz", w => w.BaseHeldUntil)
        .Add("record_id", "uuid", w => w.RecordId)
        .Add("accepted_at", "timestamptz", w => w.AcceptedAt)
        .Add("effective_at", "timestamptz", w => w.EffectiveAt)
        .Add("terminated", "boolean", w => w.Terminated)
        .Add("channel", "text", w => w.Channel)
        .Add("skip_reason", "text", w => w.SkipReason)
        .Add("skip_detail", "text", w => w.SkipDetail)
        .Add("held_until", "timestamptz", w => w.HeldUntil)
        .Add("error_code", "text", w => w.ErrorCode)
        .Add("error_reason", "text", w => w.ErrorReason)
        .Add("revision_started_at", "timestamptz", w => w.RevisionStartedAt)
        .Add("updated_at", "timestamptz", w => w.UpdatedAt)
        .Add("trace_id", "text", w => w.TraceId);

    /// <summary>Updates the locked rows of a batch in one statement.</summary>
    public static Npgsql.NpgsqlBatchCommand Update(IReadOnlyList<WorkerRecord> workers)
    {
        var assignments = string.Join(", ", Set.Names
            .Where(name => name is not ("source_id" or "worker_id"))
            .Select(name => name == "targets"
                ? $"targets = CASE WHEN u.targets = '' THEN '{{}}'::text[] ELSE string_to_array(u.targets, chr({(int)DbValues.TargetSeparator})) END"
                : $"{name} = u.{name}"));
        var sql = $"UPDATE worker AS w SET {assignments} FROM {Set.Unnest("u")} WHERE w.source_id = u.source_id AND w.worker_id = u.worker_id";
        return Set.Command(sql, "u", workers);
    }

    public static WorkerRecord Read(DbDataReader r) => new()
    {
        Key = new WorkerKey(r.GetString(0), r.GetString(1)),
        Revision = r.GetInt64(2),
        State = r.State(3),
        ChangeKind = r.Kind(4),
        Targets = r.GetFieldValue<string[]>(5),
        BaseState = r.StateOrNull(6),
        BaseAt = r.Time(7),
        BaseSkipReason = r.String(8),
        BaseSkipDetail = r.String(9),
        BaseHeldUntil = r.Time(10),
        RecordId = r.Uuid(11),
        AcceptedAt = r.Time(12),
        EffectiveAt = r.Time(13),
        Terminated = r.Bool(14),
        Channel = r.String(15),
        SkipReason = r.String(16),
        SkipDetail = r.String(17),
        HeldUntil = r.Time(18),
        ErrorCode = r.String(19),
        ErrorReason = r.String(20),
        RevisionStartedAt = r.Time(21),
        FirstSeenAt = r.GetFieldValue<DateTimeOffset>(22),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(23),
        TraceId = r.String(24),
    };
}
