using System.Data.Common;
using System.Text.Json;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.ReadModel;
using Npgsql;

namespace EntraMesh.Reconciliation.Api.Workers;

/// <summary>Reads one worker with its targets and timeline in one round trip.</summary>
public sealed class WorkerReader(NpgsqlDataSource dataSource)
{
    public async Task<WorkerDetail?> FindAsync(WorkerKey key, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ForWorker($"SELECT {WorkerRows.Columns} FROM worker WHERE source_id = @s AND worker_id = @w", key));
        batch.BatchCommands.Add(ForWorker($"SELECT {LaneRows.Columns} FROM worker_target WHERE source_id = @s AND worker_id = @w ORDER BY target", key));
        batch.BatchCommands.Add(ForWorker(
            """
            SELECT id, occurred_at, recorded_at, event, target, revision, state, effect, change_id, message_id, trace_id, detail::text
            FROM timeline_entry WHERE source_id = @s AND worker_id = @w ORDER BY occurred_at, id
            """, key));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var worker = WorkerRows.Read(reader);

        await reader.NextResultAsync(cancellationToken);
        var targets = new List<TargetStatus>();
        while (await reader.ReadAsync(cancellationToken)) targets.Add(Status(LaneRows.Read(reader), worker.Revision));

        await reader.NextResultAsync(cancellationToken);
        var timeline = new List<TimelineItem>();
        while (await reader.ReadAsync(cancellationToken)) timeline.Add(ReadTimeline(reader));

        return new WorkerDetail(
            worker.Key.SourceId, worker.Key.WorkerId, worker.Revision, worker.State, worker.ChangeKind, worker.RecordId,
            worker.AcceptedAt, worker.EffectiveAt, worker.Terminated, worker.Channel, worker.SkipReason, worker.SkipDetail,
            worker.HeldUntil, worker.ErrorCode, worker.ErrorReason, worker.RevisionStartedAt, worker.FirstSeenAt, worker.UpdatedAt,
            worker.TraceId, targets, timeline);
    }

    static NpgsqlBatchCommand ForWorker(string sql, WorkerKey key)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("s", key.SourceId));
        command.Parameters.Add(new NpgsqlParameter("w", key.WorkerId));
        return command;
    }

    static TargetStatus Status(Lane lane, long workerRevision) => new(
        lane.Target, lane.Revision, lane.IsCurrentAt(workerRevision), lane.UnchangedThrough, lane.State, lane.ChangeKind, lane.ChangeId, lane.RecordId,
        lane.AcceptedAt, lane.PlannedAt, lane.SkippedAt, lane.SkipReason, lane.SkipDetail, lane.HeldUntil, lane.QueuedAt,
        lane.SubmittedAt, lane.SubmissionId, lane.JobId, lane.BulkId, lane.CompletedAt, lane.OutcomeStatus, lane.Action,
        lane.LogId, lane.TargetObjectId, lane.StatusCode, lane.ErrorCode, lane.ErrorReason, lane.StuckAt, lane.UpdatedAt, lane.TraceId);

    static TimelineItem ReadTimeline(DbDataReader r)
    {
        var detail = r.String(11);
        return new TimelineItem(
            r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.String(4),
            r.IsDBNull(5) ? null : r.GetInt64(5), r.StateOrNull(6), Enum.Parse<ApplyEffect>(r.GetString(7)), r.Uuid(8), r.Uuid(9),
            r.String(10), detail is null ? null : JsonSerializer.Deserialize<JsonElement>(detail));
    }
}
