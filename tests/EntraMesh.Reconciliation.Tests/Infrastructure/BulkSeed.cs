using EntraMesh.Testing;
using NpgsqlTypes;

namespace EntraMesh.Reconciliation.Tests.Infrastructure;

/// <summary>Fills the read model directly with COPY (fast enough for 100,000 workers in a test).</summary>
public static class BulkSeed
{
    /// <summary>Succeeded workers <paramref name="sourceId"/>/w000000.. with their counts by state.</summary>
    public static async Task<IReadOnlyList<string>> SucceededWorkersAsync(IsolatedInfrastructure infrastructure, string sourceId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"w{i:D6}").ToList();
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await using var connection = await infrastructure.OpenConnectionAsync("reconciliation");
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY worker (source_id, worker_id, revision, state, change_kind, targets, base_state, accepted_at, revision_started_at, first_seen_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var id in ids)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(sourceId, NpgsqlDbType.Text);
                await copy.WriteAsync(id, NpgsqlDbType.Text);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync("Succeeded", NpgsqlDbType.Text);
                await copy.WriteAsync("Joiner", NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { "cloud" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync("Accepted", NpgsqlDbType.Text);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using var counts = new Npgsql.NpgsqlCommand(
            "INSERT INTO state_count (scope, state, shard, n) VALUES ('', 'Succeeded', 0, @n) ON CONFLICT (scope, state, shard) DO UPDATE SET n = state_count.n + EXCLUDED.n",
            connection);
        counts.Parameters.AddWithValue("n", (long)count);
        await counts.ExecuteNonQueryAsync();
        await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE worker", connection);
        await analyze.ExecuteNonQueryAsync();
        return ids;
    }
}
