using EntraMesh.Hosting.Outbox;
using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.Sources;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Ingest.Imports;

/// <summary>
/// Runs one import job. Every chunk commits its records (or staged snapshot rows), its rejections and the job's
/// progress counters in one transaction, so a restarted job resumes exactly after the last committed row: no row is
/// lost or accepted twice. A session advisory lock per job keeps two replicas from running the same job.
/// </summary>
public sealed partial class ImportProcessor(
    NpgsqlDataSource dataSource,
    Outbox outbox,
    SourceCatalog sources,
    RecordAcceptor acceptor,
    RejectionStore rejections,
    SnapshotStage stage,
    ImportStore store,
    IOptions<IngestOptions> options,
    ILogger<ImportProcessor> logger)
{
    public async Task ProcessAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(lockConnection, id, "pg_try_advisory_lock", cancellationToken)) return;
        try
        {
            await RunAsync(lockConnection, id, cancellationToken);
        }
        finally
        {
            await LockAsync(lockConnection, id, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    async Task RunAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        var job = await LoadAsync(connection, id, cancellationToken);
        if (job is null) return;
        if (!sources.TryGet(job.SourceId, out var source))
        {
            await store.FailAsync(id, $"Source '{job.SourceId}' is no longer configured.", cancellationToken);
            return;
        }

        if (job.Status == ImportStatus.Queued)
        {
            await store.TransitionAsync(id, ImportStatus.Queued, ImportStatus.Running, null, cancellationToken);
            job = job with { Status = ImportStatus.Running };
        }

        if (job.Status == ImportStatus.Running)
        {
            if (!await ReadFileAsync(job, source, cancellationToken)) return;
            if (job.Mode == ImportMode.Delta)
            {
                await store.TransitionAsync(id, ImportStatus.Running, ImportStatus.Completed, null, cancellationToken);
                DeleteSpool(job);
                LogCompleted(logger, id, source.Id);
                return;
            }

            var (population, absent) = await stage.MeasureAsync(id, source.Id, cancellationToken);
            var share = population == 0 ? 0 : (double)absent / population;
            var next = share > source.SnapshotTerminationThreshold ? ImportStatus.AwaitingConfirmation : ImportStatus.Applying;
            await stage.RecordMeasureAsync(id, population, absent, next, cancellationToken);
            DeleteSpool(job);
            if (next == ImportStatus.AwaitingConfirmation)
            {
                LogHeld(logger, id, source.Id, absent, population, source.SnapshotTerminationThreshold);
                return;
            }

            job = job with { Status = ImportStatus.Applying };
        }

        if (job.Status == ImportStatus.Applying)
        {
            await stage.ApplyAsync(job, source, cancellationToken);
            await store.TransitionAsync(id, ImportStatus.Applying, ImportStatus.Completed, null, cancellationToken);
            LogCompleted(logger, id, source.Id);
        }
    }

    /// <summary>Reads the spooled file from the first uncommitted row; false when the job failed.</summary>
    async Task<bool> ReadFileAsync(ImportJobState job, SourceDefinition source, CancellationToken cancellationToken)
    {
        if (job.SpoolPath is null || !File.Exists(job.SpoolPath))
        {
            await store.FailAsync(job.Id, "The uploaded file is no longer available (ingest restarted without its state volume); upload it again.", cancellationToken);
            return false;
        }

        var (reader, problem) = CsvRowReader.Open(job.SpoolPath, source.Options);
        if (reader is null)
        {
            await store.FailAsync(job.Id, problem!, cancellationToken);
            return false;
        }

        using (reader)
        {
            var position = reader.Skip(job.RowsRead) + 1;
            var chunkSize = options.Value.ImportChunkSize;
            var chunk = new List<SourceRecord>(chunkSize);
            var rejected = new List<RecordRejection>();
            while (true)
            {
                chunk.Clear();
                rejected.Clear();
                var read = reader.ReadChunk(chunkSize, position, chunk, rejected);
                if (read == 0) break;
                await CommitChunkAsync(job, source, chunk, rejected, read, cancellationToken);
                position += read;
            }
        }

        return true;
    }

    /// <summary>Deleted only once the job's next status is committed: a crash before leaves the file for the resumed job.</summary>
    static void DeleteSpool(ImportJobState job)
    {
        if (job.SpoolPath is not null && File.Exists(job.SpoolPath)) File.Delete(job.SpoolPath);
    }

    async Task CommitChunkAsync(
        ImportJobState job, SourceDefinition source, List<SourceRecord> chunk, List<RecordRejection> rejected, int read, CancellationToken cancellationToken)
    {
        var normalized = new List<NormalizedRecord>(chunk.Count);
        foreach (var record in chunk)
        {
            var (ok, rejection) = RecordNormalizer.Normalize(source.Options, record);
            if (ok is not null) normalized.Add(ok);
            else rejected.Add(rejection!);
        }

        await using var tx = await outbox.BeginAsync(cancellationToken);
        var accepted = 0;
        if (job.Mode == ImportMode.Delta)
        {
            accepted = (await acceptor.AcceptAsync(tx, source.Id, Channels.Csv, normalized, job.Id, cancellationToken)).Count;
        }
        else
        {
            await stage.StageAsync(tx, job.Id, normalized, rejected, cancellationToken);
        }

        await rejections.AddAsync(tx, source.Id, Channels.Csv, job.Id, rejected.Take(options.Value.MaxStoredRowErrors).ToList(), cancellationToken);
        await using (var progress = tx.Command(
            """
            UPDATE import_job SET rows_read = rows_read + @read, rows_accepted = rows_accepted + @accepted,
                   rows_rejected = rows_rejected + @rejected, updated_at = now()
            WHERE id = @id
            """))
        {
            progress.Parameters.AddWithValue("id", job.Id);
            progress.Parameters.AddWithValue("read", (long)read);
            progress.Parameters.AddWithValue("accepted", (long)accepted);
            progress.Parameters.AddWithValue("rejected", (long)rejected.Count);
            await progress.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    static async Task<bool> LockAsync(NpgsqlConnection connection, Guid id, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtext('entramesh-import:' || @id))", connection);
        command.Parameters.AddWithValue("id", id.ToString());
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    static async Task<ImportJobState?> LoadAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT source_id, mode, status, spool_path, rows_read, applied_through FROM import_job WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ImportJobState(id, reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of source {SourceId} completed")]
    static partial void LogCompleted(ILogger logger, Guid importId, string sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} of source {SourceId} held: the snapshot omits {Absent} of {Population} active workers, above the threshold {Threshold:P1}")]
    static partial void LogHeld(ILogger logger, Guid importId, string sourceId, long absent, long population, double threshold);
}
