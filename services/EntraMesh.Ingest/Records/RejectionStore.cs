using EntraMesh.Hosting.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace EntraMesh.Ingest.Records;

/// <summary>Keeps rejected records (reason, position, worker id if known) so nothing is dropped silently.</summary>
public sealed class RejectionStore(IngestMetrics metrics)
{
    public async Task AddAsync(
        OutboxTransaction tx, string sourceId, string channel, Guid? importId, IReadOnlyList<RecordRejection> rejections,
        CancellationToken cancellationToken)
    {
        if (rejections.Count == 0) return;
        await using var command = tx.Command(
            """
            INSERT INTO rejected_record (source_id, channel, import_id, position, line_number, source_event_id, worker_id, reason)
            SELECT @source, @channel, @import, p, l, e, w, r FROM unnest(@positions, @lines, @events, @workers, @reasons) AS u(p, l, e, w, r)
            """);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.Add(new NpgsqlParameter("import", NpgsqlDbType.Uuid) { Value = (object?)importId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<long[]>("positions", rejections.Select(r => r.Position).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("lines", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rejections.Select(r => r.Line).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("events", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rejections.Select(r => r.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("workers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rejections.Select(r => r.WorkerId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]>("reasons", rejections.Select(r => r.Reason).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
        metrics.Rejected(sourceId, channel, rejections.Count);
    }
}
