using System.Text.Json;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;
using NpgsqlTypes;
using Npgsql;

namespace EntraMesh.Ingest.Records;

/// <summary>
/// Stores records and their <see cref="WorkerRecordAccepted"/> events in the caller's transaction. Redeliveries (a
/// source event id seen before) are recognised and skipped; every other record gets the next revision of its
/// (source, worker) from <c>worker_state</c>, whose row lock orders concurrent transactions for one worker, so
/// revisions strictly increase in commit order whatever the channel.
/// </summary>
public sealed class RecordAcceptor(TimeProvider time, IngestMetrics metrics)
{
    public async Task<IReadOnlyList<AcceptedRecord>> AcceptAsync(
        OutboxTransaction tx, string sourceId, string channel, IReadOnlyList<NormalizedRecord> records, Guid? importId,
        CancellationToken cancellationToken)
    {
        if (records.Count == 0) return [];
        var ids = records.ToDictionary<NormalizedRecord, NormalizedRecord, Guid>(record => record, _ => Guid.CreateVersion7(), ReferenceEqualityComparer.Instance);
        var duplicates = await ClaimEventIdsAsync(tx, sourceId, records, ids, cancellationToken);
        var fresh = records.Where(record => !duplicates.Contains(record)).ToList();
        var recordIds = fresh.Select(record => ids[record]).ToArray();
        var revisions = await NextRevisionsAsync(tx, sourceId, fresh, recordIds, cancellationToken);
        var receivedAt = time.GetUtcNow();

        if (fresh.Count > 0)
        {
            await InsertRecordsAsync(tx, sourceId, channel, fresh, recordIds, revisions, importId, receivedAt, cancellationToken);
            for (var i = 0; i < fresh.Count; i++)
            {
                var record = fresh[i];
                tx.Publish(new WorkerRecordAccepted
                {
                    RecordId = recordIds[i],
                    SourceId = sourceId,
                    WorkerId = record.WorkerId,
                    Revision = revisions[i],
                    ReceivedAt = receivedAt,
                    EffectiveAt = record.EffectiveAt,
                    HireDate = record.HireDate,
                    TerminationDate = record.TerminationDate,
                    Attributes = record.Attributes,
                    Terminated = record.Terminated,
                    Channel = channel,
                });
            }
        }

        metrics.Accepted(sourceId, channel, fresh.Count);
        metrics.Duplicates(sourceId, channel, duplicates.Count);
        var freshIndex = fresh.Select((record, index) => (record, index))
            .ToDictionary<(NormalizedRecord record, int index), NormalizedRecord, int>(pair => pair.record, pair => pair.index, ReferenceEqualityComparer.Instance);
        return records.Select(record => freshIndex.TryGetValue(record, out var i)
            ? new AcceptedRecord(record.Position, record.EventId, record.WorkerId, recordIds[i], revisions[i], false)
            : new AcceptedRecord(record.Position, record.EventId, record.WorkerId, null, null, true)).ToList();
    }

    /// <summary>
    /// Claims every source event id of the batch; the ones already claimed (a redelivery, or the same id twice in this
    /// batch) are duplicates. A concurrent delivery of the same id waits on the unique key until this one commits.
    /// </summary>
    static async Task<HashSet<NormalizedRecord>> ClaimEventIdsAsync(
        OutboxTransaction tx, string sourceId, IReadOnlyList<NormalizedRecord> records, Dictionary<NormalizedRecord, Guid> ids,
        CancellationToken cancellationToken)
    {
        var duplicates = new HashSet<NormalizedRecord>(ReferenceEqualityComparer.Instance);
        var firstById = new Dictionary<string, NormalizedRecord>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.EventId is not null))
        {
            if (!firstById.TryAdd(record.EventId!, record)) duplicates.Add(record);
        }

        if (firstById.Count == 0) return duplicates;
        await using var command = tx.Command(
            """
            INSERT INTO source_event (source_id, event_id, record_id)
            SELECT @source, e, r FROM unnest(@events, @records) AS u(e, r) ORDER BY e
            ON CONFLICT DO NOTHING RETURNING event_id
            """);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("events", firstById.Keys.ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("records", firstById.Values.Select(record => ids[record]).ToArray()));
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) claimed.Add(reader.GetString(0));
        }

        foreach (var (eventId, record) in firstById)
        {
            if (!claimed.Contains(eventId)) duplicates.Add(record);
        }

        return duplicates;
    }

    static async Task<long[]> NextRevisionsAsync(
        OutboxTransaction tx, string sourceId, List<NormalizedRecord> records, Guid[] recordIds, CancellationToken cancellationToken)
    {
        var revisions = new long[records.Count];
        if (records.Count == 0) return revisions;

        // One row per worker, in a fixed order so concurrent batches lock worker rows in the same order (no deadlocks).
        var byWorker = records.Select((record, index) => (record, index))
            .GroupBy(pair => pair.record.WorkerId, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (Worker: group.Key, Indexes: group.Select(pair => pair.index).ToArray()))
            .ToList();

        await using var command = tx.Command(
            """
            INSERT INTO worker_state AS s (source_id, worker_id, revision, last_record_id, terminated)
            SELECT @source, w, c, r, t FROM unnest(@workers, @counts, @records, @terminated) WITH ORDINALITY AS u(w, c, r, t, o) ORDER BY o
            ON CONFLICT (source_id, worker_id) DO UPDATE
               SET revision = s.revision + excluded.revision, last_record_id = excluded.last_record_id,
                   terminated = excluded.terminated, updated_at = now()
            RETURNING worker_id, revision
            """);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("workers", byWorker.Select(w => w.Worker).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("counts", byWorker.Select(w => (long)w.Indexes.Length).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("records", byWorker.Select(w => recordIds[w.Indexes[^1]]).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<bool[]>("terminated", byWorker.Select(w => records[w.Indexes[^1]].Terminated).ToArray()));

        var latest = new Dictionary<string, long>(byWorker.Count, StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) latest[reader.GetString(0)] = reader.GetInt64(1);
        }

        foreach (var (worker, indexes) in byWorker)
        {
            var first = latest[worker] - indexes.Length + 1;
            for (var i = 0; i < indexes.Length; i++) revisions[indexes[i]] = first + i;
        }

        return revisions;
    }

    static async Task InsertRecordsAsync(
        OutboxTransaction tx, string sourceId, string channel, List<NormalizedRecord> records, Guid[] recordIds, long[] revisions,
        Guid? importId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            INSERT INTO accepted_record (record_id, source_id, worker_id, revision, channel, source_event_id, import_id, received_at,
                                         effective_at, hire_date, termination_date, terminated, attributes)
            SELECT r, @source, w, v, @channel, e, @import, @received, ea, hd, td, t, a::jsonb
            FROM unnest(@records, @workers, @revisions, @events, @effective, @hire, @termination, @terminated, @attributes)
                 AS u(r, w, v, e, ea, hd, td, t, a)
            """);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.Add(new NpgsqlParameter("import", NpgsqlDbType.Uuid) { Value = (object?)importId ?? DBNull.Value });
        command.Parameters.AddWithValue("received", receivedAt);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("records", recordIds));
        command.Parameters.Add(new NpgsqlParameter<string[]>("workers", records.Select(r => r.WorkerId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("revisions", revisions));
        command.Parameters.Add(new NpgsqlParameter("events", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("effective", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = records.Select(r => r.EffectiveAt).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("hire", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = records.Select(r => r.HireDate).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("termination", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = records.Select(r => r.TerminationDate).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<bool[]>("terminated", records.Select(r => r.Terminated).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("attributes", records.Select(r => JsonSerializer.Serialize(r.Attributes)).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
