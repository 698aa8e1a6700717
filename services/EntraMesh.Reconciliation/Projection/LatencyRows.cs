using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>The <c>latency_bucket</c> histogram: per minute of success, target and log-scale bucket.</summary>
public static class LatencyRows
{
    public static Npgsql.NpgsqlBatchCommand Upsert(IReadOnlyList<LatencySample> samples, short shard)
    {
        var rows = samples
            .GroupBy(sample => (Minute: Minute(sample.SucceededAt), sample.Target, Bucket: LatencyBuckets.For(sample.Latency)))
            .Select(group => (group.Key.Minute, group.Key.Target, group.Key.Bucket, N: (long)group.Count()))
            .OrderBy(row => row.Minute).ThenBy(row => row.Target, StringComparer.Ordinal).ThenBy(row => row.Bucket)
            .ToList();
        var command = new Npgsql.NpgsqlBatchCommand(
            """
            INSERT INTO latency_bucket (minute, target, bucket, shard, n)
            SELECT b.minute, b.target, b.bucket, @shard, b.n
            FROM unnest(@minutes::timestamptz[], @targets::text[], @buckets::smallint[], @ns::bigint[]) WITH ORDINALITY AS b(minute, target, bucket, n, ord)
            ORDER BY b.ord
            ON CONFLICT (minute, target, bucket, shard) DO UPDATE SET n = latency_bucket.n + EXCLUDED.n
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("minutes", rows.Select(r => r.Minute).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("targets", rows.Select(r => r.Target).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("buckets", rows.Select(r => r.Bucket).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("ns", rows.Select(r => r.N).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("shard", shard));
        return command;
    }

    public static DateTimeOffset Minute(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
