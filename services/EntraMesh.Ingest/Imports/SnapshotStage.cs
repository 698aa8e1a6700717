using System.Text.Json;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.Sources;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Ingest.Imports;

/// <summary>
/// Full snapshots: rows are held in <c>import_row</c> until the whole file was read, then the workers of the source
/// that the snapshot does not list are counted. Within the threshold (or once an operator confirms) the rows are
/// accepted and the absent workers announced as terminated (channel <c>snapshot</c>), chunk by chunk and resumable;
/// a cancelled snapshot announces nothing.
/// </summary>
public sealed class SnapshotStage(NpgsqlDataSource dataSource, Outbox outbox, RecordAcceptor acceptor, IOptions<IngestOptions> options)
{
    public async Task StageAsync(
        OutboxTransaction tx, Guid importId, List<NormalizedRecord> records, List<RecordRejection> rejected, CancellationToken cancellationToken)
    {
        // A rejected row that names a worker still shows that the worker is in the snapshot: it must not be terminated.
        var present = rejected.Where(r => r.WorkerId is not null).ToList();
        if (records.Count + present.Count == 0) return;
        await using var command = tx.Command(
            """
            INSERT INTO import_row (import_id, position, worker_id, record)
            SELECT @import, p, w, r::jsonb FROM unnest(@positions, @workers, @records) AS u(p, w, r)
            """);
        command.Parameters.AddWithValue("import", importId);
        command.Parameters.Add(new NpgsqlParameter<long[]>("positions", [.. records.Select(r => r.Position), .. present.Select(r => r.Position)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("workers", [.. records.Select(r => r.WorkerId), .. present.Select(r => r.WorkerId!)]));
        command.Parameters.Add(new NpgsqlParameter("records", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = records.Select(r => (string?)JsonSerializer.Serialize(r)).Concat(present.Select(_ => (string?)null)).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Active workers of the source, and how many of them the snapshot does not list.</summary>
    public async Task<(long Population, long Absent)> MeasureAsync(Guid importId, string sourceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM import_row i WHERE i.import_id = @import AND i.worker_id = s.worker_id))
            FROM worker_state s WHERE s.source_id = @source AND NOT s.terminated
            """);
        command.Parameters.AddWithValue("import", importId);
        command.Parameters.AddWithValue("source", sourceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task RecordMeasureAsync(Guid importId, long population, long absent, string status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE import_job SET population = @population, absent = @absent, status = @status, updated_at = now() WHERE id = @id AND status = @running");
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("population", population);
        command.Parameters.AddWithValue("absent", absent);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("running", ImportStatus.Running);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Accepts the held rows, then announces every still-active worker the snapshot does not list as terminated.</summary>
    public async Task ApplyAsync(ImportJobState job, SourceDefinition source, CancellationToken cancellationToken)
    {
        var chunkSize = options.Value.ImportChunkSize;
        var appliedThrough = job.AppliedThrough;
        while (true)
        {
            await using var tx = await outbox.BeginAsync(cancellationToken);
            var rows = new List<NormalizedRecord>(chunkSize);
            var last = appliedThrough;
            await using (var select = tx.Command(
                "SELECT position, record::text FROM import_row WHERE import_id = @import AND position > @after ORDER BY position LIMIT @limit"))
            {
                select.Parameters.AddWithValue("import", job.Id);
                select.Parameters.AddWithValue("after", appliedThrough);
                select.Parameters.AddWithValue("limit", chunkSize);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    last = reader.GetInt64(0);
                    if (!reader.IsDBNull(1)) rows.Add(JsonSerializer.Deserialize<NormalizedRecord>(reader.GetString(1))!);
                }
            }

            if (last == appliedThrough) break;
            await acceptor.AcceptAsync(tx, source.Id, Channels.Csv, rows, job.Id, cancellationToken);
            await UpdateJobAsync(tx, job.Id, "applied_through = @value, rows_accepted = rows_accepted + @count", last, rows.Count, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            appliedThrough = last;
        }

        while (await TerminateAbsentChunkAsync(job.Id, source.Id, chunkSize, cancellationToken) > 0)
        {
        }

        await using var cleanup = dataSource.CreateCommand("DELETE FROM import_row WHERE import_id = @import");
        cleanup.Parameters.AddWithValue("import", job.Id);
        await cleanup.ExecuteNonQueryAsync(cancellationToken);
    }

    async Task<int> TerminateAbsentChunkAsync(Guid importId, string sourceId, int chunkSize, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var leavers = new List<NormalizedRecord>();
        await using (var select = tx.Command(
            """
            SELECT s.worker_id, r.attributes::text, r.hire_date, r.termination_date
            FROM worker_state s JOIN accepted_record r ON r.record_id = s.last_record_id
            WHERE s.source_id = @source AND NOT s.terminated
              AND NOT EXISTS (SELECT 1 FROM import_row i WHERE i.import_id = @import AND i.worker_id = s.worker_id)
            ORDER BY s.worker_id LIMIT @limit
            """))
        {
            select.Parameters.AddWithValue("source", sourceId);
            select.Parameters.AddWithValue("import", importId);
            select.Parameters.AddWithValue("limit", chunkSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var position = 0L;
            while (await reader.ReadAsync(cancellationToken))
            {
                var attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(1))!;
                leavers.Add(new NormalizedRecord(null, reader.GetString(0), attributes, Terminated: true, EffectiveAt: null,
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), ++position));
            }
        }

        if (leavers.Count == 0) return 0;
        await acceptor.AcceptAsync(tx, sourceId, Channels.Snapshot, leavers, importId, cancellationToken);
        await UpdateJobAsync(tx, importId, "terminated = terminated + @count", 0, leavers.Count, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return leavers.Count;
    }

    /// <summary>Forgets the held rows of a cancelled snapshot.</summary>
    public async Task DiscardAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM import_row WHERE import_id = @import");
        command.Parameters.AddWithValue("import", importId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static async Task UpdateJobAsync(OutboxTransaction tx, Guid importId, string assignments, long value, long count, CancellationToken cancellationToken)
    {
        await using var command = tx.Command($"UPDATE import_job SET {assignments}, updated_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("value", value);
        command.Parameters.AddWithValue("count", (long)count);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
