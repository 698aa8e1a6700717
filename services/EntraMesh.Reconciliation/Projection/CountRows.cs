namespace EntraMesh.Reconciliation.Projection;

/// <summary>The sharded <c>state_count</c> table.</summary>
public static class CountRows
{
    /// <summary>Shards of every count; a transaction adds to one, the summary adds them up.</summary>
    public const int Shards = 8;

    public static Npgsql.NpgsqlBatchCommand Upsert(IReadOnlyList<(string Scope, string State, long N)> deltas, short shard)
    {
        var command = new Npgsql.NpgsqlBatchCommand(
            """
            INSERT INTO state_count (scope, state, shard, n)
            SELECT d.scope, d.state, @shard, d.n FROM unnest(@scopes::text[], @states::text[], @ns::bigint[]) WITH ORDINALITY AS d(scope, state, n, ord)
            ORDER BY d.ord
            ON CONFLICT (scope, state, shard) DO UPDATE SET n = state_count.n + EXCLUDED.n
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("scopes", deltas.Select(d => d.Scope).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("states", deltas.Select(d => d.State).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("ns", deltas.Select(d => d.N).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("shard", shard));
        return command;
    }
}
