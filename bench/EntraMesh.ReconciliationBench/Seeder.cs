using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace EntraMesh.ReconciliationBench;

/// <summary>
/// Fills the read model with COPY: workers spread over 30 days, one in ten in two targets, five timeline entries per
/// target; states as a busy tenant has them (mostly succeeded, some failed, rejected, stuck, in flight, held, skipped).
/// Counts by state, the latency histogram and the budget are derived from the rows, as the projection keeps them.
/// </summary>
public static class Seeder
{
    static readonly string[] ErrorCodes =
        ["UnableToResolveReferenceAttributeValue", "AttributeValueMustBeUnique", "InvalidValue", "ObjectNotFound", "DirectoryQuotaExceeded"];

    public static async Task<TimeSpan> SeedAsync(NpgsqlConnection connection, int workers)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(1513);
        var now = DateTimeOffset.UtcNow;
        // Three COPY streams side by side, one connection each.
        await using var laneConnection = await OpenSecondConnectionAsync(connection);
        await using var timelineConnection = await OpenSecondConnectionAsync(connection);
        await using (var workerRows = await connection.BeginBinaryImportAsync(
            "COPY worker (source_id, worker_id, revision, state, change_kind, targets, base_state, base_at, record_id, accepted_at, channel, " +
            "skip_reason, held_until, error_code, error_reason, revision_started_at, first_seen_at, updated_at, trace_id) FROM STDIN (FORMAT BINARY)"))
        await using (var laneRows = await laneConnection.BeginBinaryImportAsync(
            "COPY worker_target (source_id, worker_id, target, revision, state, stage, state_at, change_id, attempt_at, change_kind, record_id, " +
            "accepted_at, planned_at, queued_at, submitted_at, submission_id, job_id, bulk_id, completed_at, outcome_status, action, log_id, " +
            "error_code, error_reason, stuck_at, latency_recorded, first_seen_at, updated_at, trace_id) FROM STDIN (FORMAT BINARY)"))
        await using (var timelineRows = await timelineConnection.BeginBinaryImportAsync(
            "COPY timeline_entry (source_id, worker_id, target, revision, event, state, effect, occurred_at, recorded_at, change_id, message_id, trace_id, detail) " +
            "FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < workers; i++)
            {
                var worker = SeedWorker.Create(i, random, now);
                await WriteWorkerAsync(workerRows, worker);
                foreach (var lane in worker.Lanes)
                {
                    await WriteLaneAsync(laneRows, worker, lane);
                    foreach (var entry in lane.Timeline(worker, lane == worker.Lanes[0])) await WriteTimelineAsync(timelineRows, worker, lane, entry);
                }
            }

            await workerRows.CompleteAsync();
            await laneRows.CompleteAsync();
            await timelineRows.CompleteAsync();
        }

        await ExecuteAsync(connection,
            """
            INSERT INTO state_count (scope, state, shard, n)
            SELECT '', state, 0, count(*) FROM worker GROUP BY state
            UNION ALL SELECT target, state, 0, count(*) FROM worker_target GROUP BY target, state;
            INSERT INTO latency_bucket (minute, target, bucket, shard, n)
            SELECT date_trunc('minute', completed_at), target,
                   LEAST(530, GREATEST(0, ceil(ln(GREATEST(1, extract(epoch FROM completed_at - accepted_at) * 1000)) / ln(1.05))))::smallint, 0, count(*)
            FROM worker_target WHERE state = 'Succeeded' GROUP BY 1, 2, 3;
            INSERT INTO dispatch_budget (target, job_id, calls_remaining, calls_limit, reported_at, submission_id)
            VALUES ('cloud', 'job-cloud', 1234, 2000, now(), gen_random_uuid()), ('onprem', 'job-onprem', 1875, 2000, now(), gen_random_uuid());
            """);
        foreach (var table in new[] { "worker", "worker_target", "timeline_entry", "state_count", "latency_bucket" })
        {
            await ExecuteAsync(connection, $"VACUUM (ANALYZE) {table}");
        }

        return clock.Elapsed;
    }

    public static string WorkerId(int i) => $"{i:D7}";

    static async Task<NpgsqlConnection> OpenSecondConnectionAsync(NpgsqlConnection connection)
    {
        var second = new NpgsqlConnection(connection.ConnectionString);
        await second.OpenAsync();
        return second;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    static async Task WriteWorkerAsync(NpgsqlBinaryImporter copy, SeedWorker w)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(w.SourceId, NpgsqlDbType.Text);
        await copy.WriteAsync(w.WorkerId, NpgsqlDbType.Text);
        await copy.WriteAsync(w.Revision, NpgsqlDbType.Bigint);
        await copy.WriteAsync(w.State, NpgsqlDbType.Text);
        await copy.WriteAsync(w.ChangeKind, NpgsqlDbType.Text);
        await copy.WriteAsync(w.Lanes.Select(l => l.Target).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        await copy.WriteAsync("Accepted", NpgsqlDbType.Text);
        await copy.WriteAsync(w.AcceptedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(w.RecordId, NpgsqlDbType.Uuid);
        await copy.WriteAsync(w.AcceptedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync("webhook", NpgsqlDbType.Text);
        await WriteNullableAsync(copy, w.Deciding.SkipReason, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, w.Deciding.HeldUntil, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, w.Deciding.ErrorCode, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, w.Deciding.ErrorCode is null ? null : "seeded failure", NpgsqlDbType.Text);
        await copy.WriteAsync(w.AcceptedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(w.AcceptedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(w.UpdatedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(w.TraceId, NpgsqlDbType.Text);
    }

    static async Task WriteLaneAsync(NpgsqlBinaryImporter copy, SeedWorker w, SeedLane l)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(w.SourceId, NpgsqlDbType.Text);
        await copy.WriteAsync(w.WorkerId, NpgsqlDbType.Text);
        await copy.WriteAsync(l.Target, NpgsqlDbType.Text);
        await copy.WriteAsync(w.Revision, NpgsqlDbType.Bigint);
        await copy.WriteAsync(l.State, NpgsqlDbType.Text);
        await copy.WriteAsync(l.Stage, NpgsqlDbType.Smallint);
        await copy.WriteAsync(l.StateAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(l.ChangeId, NpgsqlDbType.Uuid);
        await copy.WriteAsync(l.PlannedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(l.Kind, NpgsqlDbType.Text);
        await copy.WriteAsync(w.RecordId, NpgsqlDbType.Uuid);
        await copy.WriteAsync(w.AcceptedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(l.PlannedAt, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, l.QueuedAt, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, l.SubmittedAt, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, l.SubmittedAt is null ? null : (Guid?)l.SubmissionId, NpgsqlDbType.Uuid);
        await copy.WriteAsync("job-" + l.Target, NpgsqlDbType.Text);
        await copy.WriteAsync(w.WorkerId, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, l.CompletedAt, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, l.OutcomeStatus, NpgsqlDbType.Text);
        await WriteNullableAsync<string>(copy, l.OutcomeStatus is null ? null : "create", NpgsqlDbType.Text);
        await WriteNullableAsync<string>(copy, l.OutcomeStatus is null ? null : "log-" + w.WorkerId, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, l.ErrorCode, NpgsqlDbType.Text);
        await WriteNullableAsync<string>(copy, l.ErrorCode is null ? null : "seeded failure", NpgsqlDbType.Text);
        await WriteNullableAsync(copy, l.StuckAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(l.State == "Succeeded", NpgsqlDbType.Boolean);
        await copy.WriteAsync(w.AcceptedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(w.UpdatedAt, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(w.TraceId, NpgsqlDbType.Text);
    }

    static async Task WriteTimelineAsync(NpgsqlBinaryImporter copy, SeedWorker w, SeedLane l, SeedLane.Entry e)
    {
        await copy.StartRowAsync();
        await copy.WriteAsync(w.SourceId, NpgsqlDbType.Text);
        await copy.WriteAsync(w.WorkerId, NpgsqlDbType.Text);
        await WriteNullableAsync(copy, e.Event == "WorkerRecordAccepted" ? null : l.Target, NpgsqlDbType.Text);
        await copy.WriteAsync(w.Revision, NpgsqlDbType.Bigint);
        await copy.WriteAsync(e.Event, NpgsqlDbType.Text);
        await copy.WriteAsync(e.State, NpgsqlDbType.Text);
        await copy.WriteAsync("Applied", NpgsqlDbType.Text);
        await copy.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
        await WriteNullableAsync(copy, e.Event == "WorkerRecordAccepted" ? null : (Guid?)l.ChangeId, NpgsqlDbType.Uuid);
        await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
        await copy.WriteAsync(w.TraceId, NpgsqlDbType.Text);
        await copy.WriteAsync(e.Detail, NpgsqlDbType.Jsonb);
    }

    static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);

    public static string ErrorCode(Random random) => ErrorCodes[random.Next(ErrorCodes.Length)];
}
