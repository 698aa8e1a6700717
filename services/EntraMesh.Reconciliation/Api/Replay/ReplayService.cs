using System.Diagnostics;
using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.ReadModel;
using EntraMesh.Reconciliation.Telemetry;
using Npgsql;

namespace EntraMesh.Reconciliation.Api.Replay;

/// <summary>
/// Records who asked to replay which worker, when and why (table <c>replay_request</c> and the worker's timeline) and
/// publishes <c>ReplayWorkerRequested</c> through the outbox in the same transaction: the request is never recorded
/// without being published, nor published without being recorded.
/// </summary>
public sealed partial class ReplayService(Outbox outbox, TimeProvider time, ReconciliationMetrics metrics, ILogger<ReplayService> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Null when the worker is unknown.</summary>
    public async Task<ReplayReceipt?> ReplayAsync(WorkerKey worker, string principal, string reason, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        await using (var exists = tx.Command("SELECT 1 FROM worker WHERE source_id = @s AND worker_id = @w FOR UPDATE"))
        {
            exists.Parameters.AddWithValue("s", worker.SourceId);
            exists.Parameters.AddWithValue("w", worker.WorkerId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null) return null;
        }

        var now = EventTranslator.Utc(time.GetUtcNow());
        var requests = await RecordAsync(tx, [worker], principal, reason, null, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Replayed(1, principal);
        return new ReplayReceipt(requests[0].RequestId!.Value, worker.SourceId, worker.WorkerId, principal, reason, now);
    }

    public async Task<BulkReplayResult> ReplayManyAsync(
        BulkReplayFilter filter, string principal, string reason, bool dryRun, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var matching = await MatchingAsync(tx, filter, cancellationToken);
        var now = EventTranslator.Utc(time.GetUtcNow());
        if (dryRun || matching.Count == 0 || matching.Count > filter.MaxWorkers)
        {
            return new BulkReplayResult(null, true, matching.Count, principal, reason, now,
                matching.Take(filter.MaxWorkers).Select(key => new ReplayedWorker(key.SourceId, key.WorkerId, null)).ToList());
        }

        var bulkId = Guid.CreateVersion7();
        var requests = await RecordAsync(tx, matching, principal, reason, bulkId, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Replayed(requests.Count, principal);
        return new BulkReplayResult(bulkId, false, matching.Count, principal, reason, now, requests);
    }

    /// <summary>Workers with a target in one of the states, in key order; one more than allowed tells "too many".</summary>
    static async Task<List<WorkerKey>> MatchingAsync(OutboxTransaction tx, BulkReplayFilter filter, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "state = ANY(@states)" };
        await using var command = tx.Command("");
        command.Parameters.AddWithValue("states", filter.States.Select(state => state.ToString()).ToArray());
        if (filter.Target is not null) { conditions.Add("target = @target"); command.Parameters.AddWithValue("target", filter.Target); }
        if (filter.ChangeKind is { } kind) { conditions.Add("change_kind = @kind"); command.Parameters.AddWithValue("kind", kind.ToString()); }
        if (filter.ErrorCode is not null) { conditions.Add("error_code = @error"); command.Parameters.AddWithValue("error", filter.ErrorCode); }
        if (filter.SourceId is not null) { conditions.Add("source_id = @source"); command.Parameters.AddWithValue("source", filter.SourceId); }
        if (filter.Since is { } since) { conditions.Add("updated_at >= @since"); command.Parameters.AddWithValue("since", since); }
        command.Parameters.AddWithValue("limit", filter.MaxWorkers + 1);
        command.CommandText =
            $"SELECT DISTINCT source_id, worker_id FROM worker_target WHERE {string.Join(" AND ", conditions)} ORDER BY source_id, worker_id LIMIT @limit";

        var keys = new List<WorkerKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) keys.Add(new WorkerKey(reader.GetString(0), reader.GetString(1)));
        return keys;
    }

    internal static async Task<List<ReplayedWorker>> RecordAsync(
        OutboxTransaction tx, IReadOnlyList<WorkerKey> workers, string principal, string reason, Guid? bulkId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var traceId = Activity.Current?.TraceId.ToHexString();
        var requests = new List<(WorkerKey Worker, Guid RequestId, Guid MessageId)>(workers.Count);
        foreach (var worker in workers)
        {
            var requestId = Guid.CreateVersion7();
            var messageId = tx.Publish(new ReplayWorkerRequested
            {
                RequestId = requestId,
                SourceId = worker.SourceId,
                WorkerId = worker.WorkerId,
                RequestedBy = principal,
                Reason = reason,
                RequestedAt = now,
            });
            requests.Add((worker, requestId, messageId));
        }

        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO replay_request (request_id, source_id, worker_id, requested_by, reason, requested_at, bulk_request_id, message_id)
            SELECT r.id, r.source_id, r.worker_id, @by, @reason, @now, @bulk, r.message_id
            FROM unnest(@ids::uuid[], @sources::text[], @workers::text[], @messages::uuid[]) AS r(id, source_id, worker_id, message_id)
            """);
        insert.Parameters.Add(new NpgsqlParameter("ids", requests.Select(r => r.RequestId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter("sources", requests.Select(r => r.Worker.SourceId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter("workers", requests.Select(r => r.Worker.WorkerId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter("messages", requests.Select(r => r.MessageId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter("by", principal));
        insert.Parameters.Add(new NpgsqlParameter("reason", reason));
        insert.Parameters.Add(new NpgsqlParameter("now", now));
        insert.Parameters.Add(new NpgsqlParameter("bulk", (object?)bulkId ?? DBNull.Value) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(TimelineRows.Insert(requests.Select(r => new TimelineEntry(
            r.Worker, null, null, "ReplayRequested", null, ApplyEffect.Recorded, now, now, null, r.MessageId, traceId,
            JsonSerializer.Serialize(new { requestId = r.RequestId, requestedBy = principal, reason, bulkRequestId = bulkId }, Json))).ToList()));
        await batch.ExecuteNonQueryAsync(cancellationToken);

        return requests.Select(r => new ReplayedWorker(r.Worker.SourceId, r.Worker.WorkerId, r.RequestId)).ToList();
    }

    void Replayed(int workers, string principal)
    {
        metrics.Replayed(workers);
        LogReplayRequested(logger, workers, principal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay of {Workers} worker(s) requested by {Principal}")]
    static partial void LogReplayRequested(ILogger logger, int workers, string principal);
}
