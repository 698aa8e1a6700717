using EntraMesh.Reconciliation.ReadModel;
using Npgsql;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Loads the workers a batch touches, locked, and writes everything the batch changed: each in one round trip.
/// Every writer (projection, stuck scan) first creates missing worker rows and then locks the rows, both in key order,
/// so concurrent batches and replicas serialise per worker without deadlocking; a worker's lanes are only written
/// under its worker row's lock.
/// </summary>
public static class ReadModelStore
{
    public static async Task<Dictionary<WorkerKey, WorkerProjection>> LoadForUpdateAsync(
        NpgsqlTransaction transaction, IReadOnlyCollection<WorkerKey> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sources = keys.Select(key => key.SourceId).ToArray();
        var workerIds = keys.Select(key => key.WorkerId).ToArray();
        const string Keys = "unnest(@sources::text[], @workers::text[]) AS k(source_id, worker_id)";

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(WithKeys(
            $"""
            INSERT INTO worker (source_id, worker_id, first_seen_at, updated_at)
            SELECT k.source_id, k.worker_id, @now, @now FROM {Keys}
            ORDER BY k.source_id COLLATE "C", k.worker_id COLLATE "C"
            ON CONFLICT (source_id, worker_id) DO NOTHING
            RETURNING source_id, worker_id
            """, sources, workerIds, now));
        // Each worker probes its row through the key, in key order (the locking subquery keeps the planner from scanning
        // the table instead, as it did when its statistics lagged behind a fast-growing table).
        batch.BatchCommands.Add(WithKeys(
            $"""
            SELECT w.* FROM (SELECT * FROM {Keys} ORDER BY k.source_id COLLATE "C", k.worker_id COLLATE "C") AS o
            CROSS JOIN LATERAL (
                SELECT {WorkerRows.Columns} FROM worker WHERE source_id = o.source_id AND worker_id = o.worker_id FOR UPDATE) AS w
            """, sources, workerIds, now));
        batch.BatchCommands.Add(WithKeys(
            $"SELECT {Prefixed("t", LaneRows.Columns)} FROM worker_target t JOIN {Keys} ON t.source_id = k.source_id AND t.worker_id = k.worker_id",
            sources, workerIds, now));

        var inserted = new HashSet<WorkerKey>();
        var workers = new Dictionary<WorkerKey, WorkerRecord>(keys.Count);
        var lanes = new Dictionary<WorkerKey, List<Lane>>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) inserted.Add(new WorkerKey(reader.GetString(0), reader.GetString(1)));
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var worker = WorkerRows.Read(reader);
                worker.IsNew = inserted.Contains(worker.Key);
                workers[worker.Key] = worker;
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new WorkerKey(reader.GetString(0), reader.GetString(1));
                if (!lanes.TryGetValue(key, out var list)) lanes[key] = list = [];
                list.Add(LaneRows.Read(reader));
            }
        }

        return workers.ToDictionary(
            pair => pair.Key,
            pair => new WorkerProjection(pair.Value, lanes.GetValueOrDefault(pair.Key) ?? []));
    }

    public static async Task WriteAsync(NpgsqlTransaction transaction, ProjectionChanges changes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        if (changes.Workers.Count > 0) batch.BatchCommands.Add(WorkerRows.Update(changes.Workers));
        if (changes.Lanes.Count > 0) batch.BatchCommands.Add(LaneRows.Upsert(changes.Lanes));
        if (changes.Timeline.Count > 0) batch.BatchCommands.Add(TimelineRows.Insert(changes.Timeline));
        var counts = changes.Counts.NonZero();
        if (counts.Count > 0) batch.BatchCommands.Add(CountRows.Upsert(counts, changes.Shard));
        if (changes.Latency.Count > 0) batch.BatchCommands.Add(LatencyRows.Upsert(changes.Latency, changes.Shard));
        if (changes.Budgets.Count > 0) batch.BatchCommands.Add(BudgetRows.Upsert(changes.Budgets));
        if (changes.Invalid.Count > 0) batch.BatchCommands.Add(InvalidEventRows.Insert(changes.Invalid));
        if (batch.BatchCommands.Count == 0) return;
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    static NpgsqlBatchCommand WithKeys(string sql, string[] sources, string[] workers, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("sources", sources));
        command.Parameters.Add(new NpgsqlParameter("workers", workers));
        if (sql.Contains("@now", StringComparison.Ordinal)) command.Parameters.Add(new NpgsqlParameter("now", now));
        return command;
    }

    static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));
}
