using Npgsql;

namespace EntraMesh.Bench.Measures;

/// <summary>Read-only looks into dispatch's schema of the bench's own database: how many changes wait in line.</summary>
public sealed class DispatchProbe(string connectionString) : IAsyncDisposable
{
    readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>Changes stored and not yet taken into a call, over both targets.</summary>
    public async Task<long> PendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM dispatch.operation WHERE status = 'pending'");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
