using EntraMesh.Hosting.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// Stores planned changes in their targets' pending lines, inside the caller's transaction (the consumer's, which also
/// claims the messages and publishes <see cref="EntraMesh.Contracts.IdentityChangeQueued"/>). The workers'
/// <c>worker_state</c> rows are locked first (created when missing, in one order so that two batches cannot deadlock),
/// so everything done to one worker's line happens one at a time. A batch costs two round trips however many changes
/// it holds: one reads (and locks) what the changes meet, one writes what they do.
/// </summary>
public sealed class PendingStore
{
    /// <summary>
    /// The batch's workers in key order, each probing its rows through the index (the locking subquery keeps the planner
    /// from turning the probes into a scan of every pending row, which grows with a backlog), so rows are locked in that order.
    /// </summary>
    const string EachWorker =
        """(SELECT * FROM unnest(@targets, @sources, @workers) AS u(t, s, w) ORDER BY t COLLATE "C", s COLLATE "C", w COLLATE "C") AS k CROSS JOIN LATERAL""";
    const string OfWorker = "target = k.t AND source_id = k.s AND worker_id = k.w";

    public async Task<EnqueueOutcome> EnqueueAsync(OutboxTransaction tx, PlannedOperation operation, CancellationToken cancellationToken) =>
        (await EnqueueAsync(tx, [operation], cancellationToken))[0];

    /// <summary>
    /// Stores <paramref name="operations"/> as if one after another in the given order (a worker's later change in the
    /// list supersedes its earlier one); returns what storing each did, in the same order.
    /// </summary>
    public async Task<IReadOnlyList<EnqueueOutcome>> EnqueueAsync(
        OutboxTransaction tx, IReadOnlyList<PlannedOperation> operations, CancellationToken cancellationToken)
    {
        if (operations.Count == 0) return [];
        var lines = await LockAsync(tx, operations, cancellationToken);

        var outcomes = new EnqueueOutcome[operations.Count];
        var inserted = new List<NewRow>(operations.Count);
        var superseded = new List<(Guid Change, Guid Newer)>();
        foreach (var (operation, index) in operations.Select((operation, index) => (operation, index)))
        {
            var line = lines.Workers[WorkerKey.Of(operation)];
            if (line.LatestRevision is { } known && operation.Revision < known)
            {
                outcomes[index] = new EnqueueOutcome.Ignored(known);
                continue;
            }

            if (!lines.KnownChanges.Add(operation.ChangeId))
            {
                outcomes[index] = new EnqueueOutcome.Ignored(line.LatestRevision ?? operation.Revision);
                continue;
            }

            line.LatestRevision = operation.Revision;
            line.RevisionChanged = true;
            var incoming = new QueuePlace(operation.Kind, operation.Priority, operation.PlannedAt, lines.Now);
            var replaced = line.Pending;
            var place = replaced is null ? incoming : Coalescing.Merge(replaced.Place, incoming);
            if (replaced is not null)
            {
                // A change stored by this batch is written superseded; one stored before is updated.
                if (replaced.Row is { } row) row.SupersededBy = operation.ChangeId;
                else superseded.Add((replaced.ChangeId, operation.ChangeId));
            }

            var stored = new NewRow(operation, place);
            inserted.Add(stored);
            line.Pending = new PendingChange(operation.ChangeId, operation.Revision, place, stored);
            outcomes[index] = new EnqueueOutcome.Queued(lines.Now, replaced?.Revision);
        }

        await WriteAsync(tx, lines, inserted, superseded, cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// One round trip: creates the missing worker rows, locks them all, and reads their newest revisions, their pending
    /// changes (locked too, so a claim cannot take them meanwhile), which of the change ids are stored already, and the clock.
    /// </summary>
    static async Task<Lines> LockAsync(OutboxTransaction tx, IReadOnlyList<PlannedOperation> operations, CancellationToken cancellationToken)
    {
        var firstRevisions = new Dictionary<WorkerKey, long>();
        foreach (var operation in operations) firstRevisions.TryAdd(WorkerKey.Of(operation), operation.Revision);
        var keys = firstRevisions.Keys.ToArray();

        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
        var create = Keyed(
            """
            INSERT INTO worker_state (target, source_id, worker_id, latest_revision)
            SELECT t, s, w, r FROM unnest(@targets, @sources, @workers, @revisions) AS k(t, s, w, r)
            ORDER BY t COLLATE "C", s COLLATE "C", w COLLATE "C"
            ON CONFLICT DO NOTHING RETURNING target, source_id, worker_id
            """, keys);
        create.Parameters.Add(new NpgsqlParameter<long[]>("revisions", keys.Select(k => firstRevisions[k]).ToArray()));
        batch.BatchCommands.Add(create);
        batch.BatchCommands.Add(Keyed(
            $"""
            SELECT l.* FROM {EachWorker}
            (SELECT target, source_id, worker_id, latest_revision FROM worker_state WHERE {OfWorker} FOR UPDATE) AS l
            """, keys));
        batch.BatchCommands.Add(Keyed(
            $"""
            SELECT p.* FROM {EachWorker}
            (SELECT target, source_id, worker_id, change_id, revision, change_kind, priority, planned_at, queued_at
             FROM operation WHERE {OfWorker} AND status = 'pending' FOR UPDATE) AS p
            """, keys));
        var known = new NpgsqlBatchCommand("SELECT change_id FROM operation WHERE change_id = ANY(@changes)");
        known.Parameters.Add(new NpgsqlParameter<Guid[]>("changes", operations.Select(o => o.ChangeId).Distinct().ToArray()));
        batch.BatchCommands.Add(known);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT clock_timestamp()"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var created = new HashSet<WorkerKey>();
        while (await reader.ReadAsync(cancellationToken)) created.Add(ReadKey(reader));

        var workers = new Dictionary<WorkerKey, WorkerLine>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = ReadKey(reader);
            // A row created just now holds no revision seen before: the first change of the worker is new.
            workers[key] = new WorkerLine { LatestRevision = created.Contains(key) ? null : reader.GetInt64(3) };
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            workers[ReadKey(reader)].Pending = new PendingChange(reader.GetGuid(3), reader.GetInt64(4), new QueuePlace(
                Enum.Parse<Contracts.ChangeKind>(reader.GetString(5)),
                (Contracts.ChangePriority)reader.GetInt16(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<DateTimeOffset>(8)), Row: null);
        }

        var knownChanges = new HashSet<Guid>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) knownChanges.Add(reader.GetGuid(0));

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var now = reader.GetFieldValue<DateTimeOffset>(0);

        var missing = keys.Where(key => !workers.ContainsKey(key)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Could not lock the line of worker {missing[0].WorkerId} for target {missing[0].Target}.");
        }

        return new Lines(workers, knownChanges, now);
    }

    /// <summary>One round trip: the newest revisions, the superseded pending changes, and the new rows in their order.</summary>
    static async Task WriteAsync(
        OutboxTransaction tx, Lines lines, List<NewRow> inserted, List<(Guid Change, Guid Newer)> superseded, CancellationToken cancellationToken)
    {
        if (inserted.Count == 0) return;
        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);

        var revised = lines.Workers.Where(pair => pair.Value.RevisionChanged).ToArray();
        var revisions = Keyed(
            """
            UPDATE worker_state s SET latest_revision = k.r
            FROM unnest(@targets, @sources, @workers, @revisions) AS k(t, s, w, r)
            WHERE s.target = k.t AND s.source_id = k.s AND s.worker_id = k.w
            """, revised.Select(pair => pair.Key).ToArray());
        revisions.Parameters.Add(new NpgsqlParameter<long[]>("revisions", revised.Select(pair => pair.Value.LatestRevision!.Value).ToArray()));
        batch.BatchCommands.Add(revisions);

        if (superseded.Count > 0)
        {
            var supersede = new NpgsqlBatchCommand(
                """
                UPDATE operation o SET status = 'superseded', superseded_by = k.newer, finished_at = @now
                FROM unnest(@changes, @newer) AS k(change, newer) WHERE o.change_id = k.change
                """);
            supersede.Parameters.Add(new NpgsqlParameter<Guid[]>("changes", superseded.Select(s => s.Change).ToArray()));
            supersede.Parameters.Add(new NpgsqlParameter<Guid[]>("newer", superseded.Select(s => s.Newer).ToArray()));
            supersede.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", lines.Now));
            batch.BatchCommands.Add(supersede);
        }

        // WITH ORDINALITY and ORDER BY keep the list's order in queue_seq (the tie-breaker of one batch's equal queued_at).
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO operation (change_id, target, source_id, worker_id, record_id, revision, change_kind, priority,
                                   external_id, data, planned_at, queued_at, status, superseded_by, finished_at)
            SELECT c, t, s, w, r, v, k, p, e, d::jsonb, pa, qa,
                   CASE WHEN sb IS NULL THEN 'pending' ELSE 'superseded' END, sb, CASE WHEN sb IS NULL THEN NULL ELSE @now END
            FROM unnest(@changes, @targets, @sources, @workers, @records, @revisions, @kinds, @priorities, @external, @data,
                        @planned, @queued, @supersededBy) WITH ORDINALITY AS u(c, t, s, w, r, v, k, p, e, d, pa, qa, sb, n)
            ORDER BY n
            """);
        var rows = inserted.Select(row => row.Operation).ToList();
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("changes", rows.Select(o => o.ChangeId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("targets", rows.Select(o => o.Target).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("sources", rows.Select(o => o.SourceId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("workers", rows.Select(o => o.WorkerId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("records", rows.Select(o => o.RecordId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<long[]>("revisions", rows.Select(o => o.Revision).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("kinds", inserted.Select(row => row.Place.Kind.ToString()).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<short[]>("priorities", inserted.Select(row => (short)row.Place.Priority).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("external", rows.Select(o => o.ExternalId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("data", rows.Select(o => o.Data).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("planned", inserted.Select(row => row.Place.PlannedAt.ToUniversalTime()).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("queued", inserted.Select(row => row.Place.QueuedAt.ToUniversalTime()).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter("supersededBy", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = inserted.Select(row => row.SupersededBy).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", lines.Now));
        batch.BatchCommands.Add(insert);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    static NpgsqlBatchCommand Keyed(string sql, IReadOnlyList<WorkerKey> keys)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("targets", keys.Select(k => k.Target).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", keys.Select(k => k.SourceId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("workers", keys.Select(k => k.WorkerId).ToArray()));
        return command;
    }

    static WorkerKey ReadKey(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2));

    readonly record struct WorkerKey(string Target, string SourceId, string WorkerId)
    {
        public static WorkerKey Of(PlannedOperation operation) => new(operation.Target, operation.SourceId, operation.WorkerId);
    }

    /// <summary>What one worker's line holds while the batch is applied.</summary>
    sealed class WorkerLine
    {
        public long? LatestRevision { get; set; }
        public bool RevisionChanged { get; set; }
        public PendingChange? Pending { get; set; }
    }

    /// <summary>The worker's pending change: stored before (<paramref name="Row"/> null) or by this batch.</summary>
    sealed record PendingChange(Guid ChangeId, long Revision, QueuePlace Place, NewRow? Row);

    sealed class NewRow(PlannedOperation operation, QueuePlace place)
    {
        public PlannedOperation Operation { get; } = operation;
        public QueuePlace Place { get; } = place;
        public Guid? SupersededBy { get; set; }
    }

    sealed record Lines(Dictionary<WorkerKey, WorkerLine> Workers, HashSet<Guid> KnownChanges, DateTimeOffset Now);
}
