using EntraMesh.Hosting.Outbox;
using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.Sources;
using Npgsql;

namespace EntraMesh.Ingest.SqlPolling;

/// <summary>
/// Reads one SQL source's table or view in (watermark, key) order, a batch per transaction. The batch's records and
/// the new cursor commit together in ingest's schema, so a restart resumes after the last committed row: no gap, no
/// repeat, and rows sharing a watermark value are told apart by the key. Rows are read only up to the highest
/// watermark observed at least <see cref="SqlSourceOptions.SettleTime"/> ago, so a row whose transaction took its
/// watermark before others but committed after them (within that time) is still read.
/// </summary>
public sealed partial class SqlSourcePoller(
    SourceDefinition source, NpgsqlDataSource sourceDatabase, Outbox outbox, RecordAcceptor acceptor, RejectionStore rejections,
    TimeProvider time, ILogger logger)
{
    readonly SqlSourceOptions sql = source.Options.Sql!;
    readonly Queue<(DateTimeOffset At, object Max, string Type)> observations = new();

    string KeyColumn => sql.KeyColumn ?? source.Options.WorkerIdField;

    /// <summary>Identifiers are quoted (validated at start to contain no quotes), so mixed-case names work as written.</summary>
    static string Quote(string identifier) => string.Join('.', identifier.Split('.').Select(part => $"\"{part}\""));

    string Table => Quote(sql.Table);
    string Watermark => Quote(sql.WatermarkColumn);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PollBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPollFailed(logger, exception, source.Id);
            }

            try
            {
                await Task.Delay(sql.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Accepts the next batch after the cursor; returns the number of rows read (0 when caught up).</summary>
    public async Task<int> PollBatchAsync(CancellationToken cancellationToken)
    {
        var bound = await SettledBoundAsync(cancellationToken);
        if (bound is null) return 0;

        await using var tx = await outbox.BeginAsync(cancellationToken);
        await using (var lockCommand = tx.Command("SELECT pg_try_advisory_xact_lock(hashtext('entramesh-sql-source:' || @source))"))
        {
            lockCommand.Parameters.AddWithValue("source", source.Id);
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!) return 0;
        }

        var cursor = await LoadCursorAsync(tx, cancellationToken);
        var (records, last) = await ReadRowsAsync(cursor, bound.Value, cancellationToken);
        if (records.Count == 0) return 0;

        var normalized = new List<NormalizedRecord>(records.Count);
        var rejected = new List<RecordRejection>();
        foreach (var record in records)
        {
            var (ok, rejection) = RecordNormalizer.Normalize(source.Options, record);
            if (ok is not null) normalized.Add(ok);
            else rejected.Add(rejection!);
        }

        await acceptor.AcceptAsync(tx, source.Id, Channels.Sql, normalized, null, cancellationToken);
        await rejections.AddAsync(tx, source.Id, Channels.Sql, null, rejected, cancellationToken);
        await SaveCursorAsync(tx, last!.Value, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        LogBatch(logger, source.Id, normalized.Count, rejected.Count);
        return records.Count;
    }

    async Task<(object Max, string Type)?> SettledBoundAsync(CancellationToken cancellationToken)
    {
        await using (var command = sourceDatabase.CreateCommand($"SELECT max({Watermark}) FROM {Table}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (!reader.IsDBNull(0)) observations.Enqueue((time.GetUtcNow(), reader.GetValue(0), reader.GetDataTypeName(0)));
        }

        var settledBefore = time.GetUtcNow() - sql.SettleTime;
        (object Max, string Type)? bound = null;
        while (observations.TryPeek(out var oldest) && oldest.At <= settledBefore)
        {
            bound = (oldest.Max, oldest.Type);
            observations.Dequeue();
        }

        // Keep the newest settled observation for the next round, so the bound never moves back.
        if (bound is { } settled)
        {
            var rest = observations.ToArray();
            observations.Clear();
            observations.Enqueue((settledBefore, settled.Max, settled.Type));
            foreach (var item in rest) observations.Enqueue(item);
        }

        return bound;
    }

    async Task<(List<SourceRecord> Records, (string Watermark, string Type, string Key)? Last)> ReadRowsAsync(
        (object Watermark, string Key)? cursor, (object Max, string Type) bound, CancellationToken cancellationToken)
    {
        var key = $"({Quote(KeyColumn)})::text COLLATE \"C\"";
        var after = cursor is null ? "" : $"AND ({Watermark}, {key}) > (@watermark, @key COLLATE \"C\")";
        await using var command = sourceDatabase.CreateCommand(
            $"SELECT * FROM {Table} WHERE {Watermark} <= @bound {after} ORDER BY {Watermark}, {key} LIMIT @limit");
        command.Parameters.AddWithValue("bound", bound.Max);
        command.Parameters.AddWithValue("limit", sql.BatchSize);
        if (cursor is { } c)
        {
            command.Parameters.AddWithValue("watermark", c.Watermark);
            command.Parameters.AddWithValue("key", c.Key);
        }

        var records = new List<SourceRecord>();
        (string, string, string)? last = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var watermarkOrdinal = reader.GetOrdinal(sql.WatermarkColumn);
        var keyOrdinal = reader.GetOrdinal(KeyColumn);
        while (await reader.ReadAsync(cancellationToken))
        {
            var fields = new Dictionary<string, string?>(reader.FieldCount, StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) fields[reader.GetName(i)] = SqlWatermark.AttributeText(reader.GetValue(i));
            records.Add(new SourceRecord(null, fields, false, records.Count + 1));
            last = (SqlWatermark.ToText(reader.GetValue(watermarkOrdinal)), reader.GetDataTypeName(watermarkOrdinal),
                SqlWatermark.AttributeText(reader.GetValue(keyOrdinal)) ?? "");
        }

        return (records, last);
    }

    async Task<(object Watermark, string Key)?> LoadCursorAsync(OutboxTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("SELECT watermark, watermark_type, last_key FROM sql_cursor WHERE source_id = @source");
        command.Parameters.AddWithValue("source", source.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (SqlWatermark.FromText(reader.GetString(0), reader.GetString(1)), reader.GetString(2));
    }

    async Task SaveCursorAsync(OutboxTransaction tx, (string Watermark, string Type, string Key) last, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            INSERT INTO sql_cursor (source_id, watermark, watermark_type, last_key) VALUES (@source, @watermark, @type, @key)
            ON CONFLICT (source_id) DO UPDATE SET watermark = excluded.watermark, watermark_type = excluded.watermark_type,
                                                 last_key = excluded.last_key, updated_at = now()
            """);
        command.Parameters.AddWithValue("source", source.Id);
        command.Parameters.AddWithValue("watermark", last.Watermark);
        command.Parameters.AddWithValue("type", last.Type);
        command.Parameters.AddWithValue("key", last.Key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQL source {SourceId} could not be polled; retrying at the next interval")]
    static partial void LogPollFailed(ILogger logger, Exception exception, string sourceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQL source {SourceId}: accepted {Accepted} rows, rejected {Rejected}")]
    static partial void LogBatch(ILogger logger, string sourceId, int accepted, int rejected);
}
