using System.Text.Json;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Mapping.Holding;
using Npgsql;
using NpgsqlTypes;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Reads and writes <see cref="WorkerState"/> in the caller's transaction. <see cref="LockAsync"/> takes the row lock of
/// every worker of a batch in one fixed order (so concurrent batches cannot deadlock on them) and reads their records,
/// planned identities and held changes in one round trip; <see cref="SaveAsync"/> writes back what changed in another.
/// </summary>
internal static class WorkerStateStore
{
    const string WorkerFilter = "(source_id, worker_id) IN (SELECT s, w FROM unnest(@sources, @workers) AS k(s, w))";

    public static async Task<Dictionary<WorkerKey, WorkerState>> LockAsync(
        OutboxTransaction tx, IEnumerable<WorkerKey> workers, CancellationToken cancellationToken)
    {
        var keys = workers.Distinct().Order().ToArray();
        var sources = keys.Select(k => k.SourceId).ToArray();
        var ids = keys.Select(k => k.WorkerId).ToArray();

        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO worker_record (source_id, worker_id)
            SELECT s, w FROM unnest(@sources, @workers) AS k(s, w) ORDER BY s COLLATE "C", w COLLATE "C"
            ON CONFLICT DO NOTHING
            """, sources, ids));
        // Each worker probes its row through the key (the locking subquery keeps the planner from scanning the table instead).
        batch.BatchCommands.Add(Command(
            $"""
            SELECT r.* FROM (SELECT * FROM unnest(@sources, @workers) AS u(s, w) ORDER BY s COLLATE "C", w COLLATE "C") AS k
            CROSS JOIN LATERAL (
                SELECT source_id, worker_id, revision, record_id, received_at, effective_at, hire_date, termination_date, terminated,
                       channel, attributes::text
                FROM worker_record WHERE source_id = k.s AND worker_id = k.w FOR UPDATE) AS r
            """, sources, ids));
        batch.BatchCommands.Add(Command(
            $"""
            SELECT source_id, worker_id, target, data::text, active, parent_dn, creation_only, revision, record_id, change_id,
                   change_kind, planned_at, rule_set_version
            FROM planned_identity WHERE {WorkerFilter}
            """, sources, ids));
        batch.BatchCommands.Add(Command(
            $"SELECT source_id, worker_id, revision, record_id, reason, target, due_at, held_at FROM held_change WHERE {WorkerFilter}",
            sources, ids));

        var records = new Dictionary<WorkerKey, StoredRecord?>(keys.Length);
        var identities = keys.ToDictionary(k => k, _ => new Dictionary<string, PlannedIdentity>(StringComparer.Ordinal));
        var holds = new Dictionary<WorkerKey, HeldChange>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new WorkerKey(reader.GetString(0), reader.GetString(1));
                records[key] = reader.GetInt64(2) == 0 ? null : ReadRecord(reader, key);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var identity = ReadIdentity(reader);
                identities[new WorkerKey(reader.GetString(0), reader.GetString(1))][identity.Target] = identity;
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                holds[new WorkerKey(reader.GetString(0), reader.GetString(1))] = new HeldChange(
                    reader.GetInt64(2), reader.GetGuid(3), Enum.Parse<HoldReason>(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7));
            }
        }

        return keys.ToDictionary(k => k, k => new WorkerState(k, records.GetValueOrDefault(k), identities[k], holds.GetValueOrDefault(k)));
    }

    public static async Task SaveAsync(OutboxTransaction tx, IEnumerable<WorkerState> states, CancellationToken cancellationToken)
    {
        var list = states.ToList();
        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
        var records = list.Where(s => s.RecordChanged).Select(s => s.Record!).ToList();
        if (records.Count > 0) batch.BatchCommands.Add(UpdateRecords(records));

        var identities = list.SelectMany(s => s.ChangedIdentities.Select(identity => (s.Worker, identity))).ToList();
        if (identities.Count > 0) batch.BatchCommands.Add(UpsertIdentities(identities));

        var holdChanged = list.Where(s => s.HoldChanged).ToList();
        if (holdChanged.Count > 0)
        {
            var delete = new NpgsqlBatchCommand($"DELETE FROM held_change WHERE {WorkerFilter}");
            AddKeys(delete, holdChanged.Select(s => s.Worker).ToArray());
            batch.BatchCommands.Add(delete);
        }

        var holds = holdChanged.Where(s => s.Hold is not null).ToList();
        if (holds.Count > 0) batch.BatchCommands.Add(InsertHolds(holds));

        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    static NpgsqlBatchCommand UpdateRecords(List<StoredRecord> records)
    {
        var command = new NpgsqlBatchCommand(
            """
            UPDATE worker_record w SET revision = u.v, record_id = u.r, received_at = u.ra, effective_at = u.ea, hire_date = u.hd,
                   termination_date = u.td, terminated = u.t, channel = u.c, attributes = u.a::jsonb, updated_at = now()
            FROM unnest(@sources, @workers, @revisions, @records, @received, @effective, @hire, @termination, @terminated, @channels, @attributes)
                 AS u(s, w, v, r, ra, ea, hd, td, t, c, a)
            WHERE w.source_id = u.s AND w.worker_id = u.w
            """);
        AddKeys(command, records.Select(r => r.Worker).ToArray());
        command.Parameters.Add(new NpgsqlParameter<long[]>("revisions", records.Select(r => r.Revision).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("records", records.Select(r => r.RecordId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("received", records.Select(r => r.ReceivedAt.ToUniversalTime()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("effective", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = records.Select(r => r.EffectiveAt?.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("hire", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = records.Select(r => r.HireDate).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("termination", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = records.Select(r => r.TerminationDate).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<bool[]>("terminated", records.Select(r => r.Terminated).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("channels", records.Select(r => r.Channel).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("attributes", records.Select(r => JsonSerializer.Serialize(r.Attributes)).ToArray()));
        return command;
    }

    static NpgsqlBatchCommand UpsertIdentities(List<(WorkerKey Worker, PlannedIdentity Identity)> rows)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO planned_identity AS p (source_id, worker_id, target, data, active, parent_dn, creation_only, revision, record_id,
                                               change_id, change_kind, planned_at, rule_set_version)
            SELECT s, w, g, d::jsonb, a, o, string_to_array(c, E'\x1f'), v, r, i, k, t, rv
            FROM unnest(@sources, @workers, @targets, @data, @active, @ous, @creationOnly, @revisions, @records, @changes, @kinds, @planned, @versions)
                 AS u(s, w, g, d, a, o, c, v, r, i, k, t, rv)
            ON CONFLICT (source_id, worker_id, target) DO UPDATE
               SET data = excluded.data, active = excluded.active, parent_dn = excluded.parent_dn, creation_only = excluded.creation_only,
                   revision = excluded.revision, record_id = excluded.record_id, change_id = excluded.change_id,
                   change_kind = excluded.change_kind, planned_at = excluded.planned_at, rule_set_version = excluded.rule_set_version
            """);
        AddKeys(command, rows.Select(r => r.Worker).ToArray());
        var identities = rows.Select(r => r.Identity).ToList();
        command.Parameters.Add(new NpgsqlParameter<string[]>("targets", identities.Select(i => i.Target).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("data", identities.Select(i => i.Data.ToJsonString()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<bool[]>("active", identities.Select(i => i.Active).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("ous", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = identities.Select(i => i.ParentDistinguishedName).ToArray() });
        // text[][] cannot be ragged: the creation-only names travel joined by the unit separator and are split in SQL.
        command.Parameters.Add(new NpgsqlParameter<string[]>("creationOnly", identities.Select(i => string.Join('\u001f', i.CreationOnly)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("revisions", identities.Select(i => i.Revision).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("records", identities.Select(i => i.RecordId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("changes", identities.Select(i => i.ChangeId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", identities.Select(i => i.Kind.ToString()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("planned", identities.Select(i => i.PlannedAt.ToUniversalTime()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("versions", identities.Select(i => i.RuleSetVersion).ToArray()));
        return command;
    }

    static NpgsqlBatchCommand InsertHolds(List<WorkerState> states)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO held_change (source_id, worker_id, revision, record_id, reason, target, due_at, held_at)
            SELECT * FROM unnest(@sources, @workers, @revisions, @records, @reasons, @targets, @due, @held)
            """);
        AddKeys(command, states.Select(s => s.Worker).ToArray());
        var holds = states.Select(s => s.Hold!).ToList();
        command.Parameters.Add(new NpgsqlParameter<long[]>("revisions", holds.Select(h => h.Revision).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("records", holds.Select(h => h.RecordId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("reasons", holds.Select(h => h.Reason.ToString()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = holds.Select(h => h.Target).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("due", holds.Select(h => h.DueAt.ToUniversalTime()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("held", holds.Select(h => h.HeldAt.ToUniversalTime()).ToArray()));
        return command;
    }

    static NpgsqlBatchCommand Command(string sql, string[] sources, string[] workers)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", sources));
        command.Parameters.Add(new NpgsqlParameter<string[]>("workers", workers));
        return command;
    }

    static void AddKeys(NpgsqlBatchCommand command, WorkerKey[] keys)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", keys.Select(k => k.SourceId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("workers", keys.Select(k => k.WorkerId).ToArray()));
    }

    static StoredRecord ReadRecord(NpgsqlDataReader reader, WorkerKey key) => new()
    {
        Worker = key,
        Revision = reader.GetInt64(2),
        RecordId = reader.GetGuid(3),
        ReceivedAt = reader.GetFieldValue<DateTimeOffset>(4),
        EffectiveAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        HireDate = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
        TerminationDate = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
        Terminated = reader.GetBoolean(8),
        Channel = reader.GetString(9),
        Attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(10))!,
    };

    static PlannedIdentity ReadIdentity(NpgsqlDataReader reader) => new()
    {
        Target = reader.GetString(2),
        Data = JsonNode.Parse(reader.GetString(3))!.AsObject(),
        Active = reader.GetBoolean(4),
        ParentDistinguishedName = reader.IsDBNull(5) ? null : reader.GetString(5),
        CreationOnly = reader.GetFieldValue<string[]>(6),
        Revision = reader.GetInt64(7),
        RecordId = reader.GetGuid(8),
        ChangeId = reader.GetGuid(9),
        Kind = Enum.Parse<ChangeKind>(reader.GetString(10)),
        PlannedAt = reader.GetFieldValue<DateTimeOffset>(11),
        RuleSetVersion = reader.GetString(12),
    };
}
