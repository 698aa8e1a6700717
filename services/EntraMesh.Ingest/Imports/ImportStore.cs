using Npgsql;

namespace EntraMesh.Ingest.Imports;

/// <summary>Import jobs in <c>import_job</c>: creation, progress for readers, and status transitions.</summary>
public sealed class ImportStore(NpgsqlDataSource dataSource)
{
    const int ErrorsShown = 100;

    /// <summary>
    /// Registers an import. False when <paramref name="idempotencyKey"/> already names another import of the source (a
    /// concurrent upload with the same key registered first): nothing was registered.
    /// </summary>
    public async Task<bool> CreateAsync(
        Guid id, string sourceId, string mode, string? fileName, string spoolPath, string? createdBy, double threshold, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO import_job (id, source_id, mode, status, file_name, spool_path, created_by, threshold, idempotency_key)
            VALUES (@id, @source, @mode, @status, @file, @spool, @by, @threshold, @key)
            ON CONFLICT (source_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("mode", mode);
        command.Parameters.AddWithValue("status", ImportStatus.Queued);
        command.Parameters.AddWithValue("file", (object?)fileName ?? DBNull.Value);
        command.Parameters.AddWithValue("spool", spoolPath);
        command.Parameters.AddWithValue("by", (object?)createdBy ?? DBNull.Value);
        command.Parameters.AddWithValue("threshold", threshold);
        command.Parameters.AddWithValue("key", (object?)idempotencyKey ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The import of <paramref name="sourceId"/> registered under <paramref name="idempotencyKey"/>, if any.</summary>
    public async Task<Guid?> FindByIdempotencyKeyAsync(string sourceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM import_job WHERE source_id = @source AND idempotency_key = @key");
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("key", idempotencyKey);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    public async Task<ImportJobView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        ImportJobView? job;
        await using (var command = new NpgsqlCommand(
            """
            SELECT source_id, mode, status, file_name, rows_read, rows_accepted, rows_rejected, population, absent, threshold,
                   terminated, created_by, decided_by, created_at, completed_at, error
            FROM import_job WHERE id = @id
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            long? population = reader.IsDBNull(7) ? null : reader.GetInt64(7);
            long? absent = reader.IsDBNull(8) ? null : reader.GetInt64(8);
            var status = reader.GetString(2);
            job = new ImportJobView
            {
                Id = id,
                SourceId = reader.GetString(0),
                Mode = reader.GetString(1),
                Status = status,
                Done = ImportStatus.IsDone(status),
                FileName = reader.IsDBNull(3) ? null : reader.GetString(3),
                RowsRead = reader.GetInt64(4),
                RowsAccepted = reader.GetInt64(5),
                RowsRejected = reader.GetInt64(6),
                Population = population,
                Absent = absent,
                AbsentShare = population is > 0 && absent is not null ? (double)absent / population : population is 0 ? 0 : null,
                Threshold = reader.GetDouble(9),
                Terminated = reader.GetInt64(10),
                CreatedBy = reader.IsDBNull(11) ? null : reader.GetString(11),
                DecidedBy = reader.IsDBNull(12) ? null : reader.GetString(12),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(13),
                CompletedAt = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                Error = reader.IsDBNull(15) ? null : reader.GetString(15),
                Errors = [],
            };
        }

        await using (var command = new NpgsqlCommand(
            "SELECT position, line_number, worker_id, reason FROM rejected_record WHERE import_id = @id ORDER BY position LIMIT @limit", connection))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("limit", ErrorsShown);
            var errors = new List<ImportRowError>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                errors.Add(new ImportRowError(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            }

            return job with { Errors = errors };
        }
    }

    /// <summary>Moves a job from <paramref name="from"/> to <paramref name="to"/>; false when it was not in that status.</summary>
    public async Task<bool> TransitionAsync(Guid id, string from, string to, string? decidedBy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE import_job SET status = @to, decided_by = coalesce(@by, decided_by), updated_at = now(),
                   completed_at = CASE WHEN @done THEN now() ELSE completed_at END
            WHERE id = @id AND status = @from
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("by", (object?)decidedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("done", ImportStatus.IsDone(to));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task FailAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE import_job SET status = @status, error = @error, updated_at = now(), completed_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", ImportStatus.Failed);
        command.Parameters.AddWithValue("error", error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Jobs a worker should (re)start: queued, reading, or applying a confirmed snapshot.</summary>
    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM import_job WHERE status = ANY(@statuses) ORDER BY created_at");
        command.Parameters.AddWithValue("statuses", new[] { ImportStatus.Queued, ImportStatus.Running, ImportStatus.Applying });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
