using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Budgets;

/// <summary>
/// The per-tenant call ledger in PostgreSQL, shared by every dispatch replica. Reserving a call locks the tenant's
/// <c>tenant_budget</c> row (<c>FOR UPDATE</c>), reads the ledger, and inserts the call in the same transaction, so two
/// replicas never both take the last slot of a window or of the day.
/// </summary>
public sealed class CallLedger(IOptions<DispatchOptions> options)
{
    /// <summary>Locks the tenant's row and reads its ledger at the database clock. Call inside a transaction.</summary>
    public async Task<LedgerSnapshot> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, CancellationToken cancellationToken)
    {
        // The rows are created at start (EnsureRowsAsync); a claim that comes first creates them itself, in its transaction.
        var locked = await LockAsync(connection, transaction, target, cancellationToken);
        if (locked is null)
        {
            await using (var ensure = new NpgsqlCommand(EnsureRowsSql, connection, transaction))
            {
                ensure.Parameters.AddWithValue("tenant", target.TenantKey);
                ensure.Parameters.AddWithValue("target", target.Name);
                await ensure.ExecuteNonQueryAsync(cancellationToken);
            }

            locked = await LockAsync(connection, transaction, target, cancellationToken)
                ?? throw new InvalidOperationException($"No budget row for tenant {target.TenantKey} after creating it.");
        }

        var (throttledUntil, now) = locked.Value;
        return await ReadAsync(connection, transaction, target, now, throttledUntil, cancellationToken);
    }

    static async Task<(DateTimeOffset? BlockedUntil, DateTimeOffset Now)?> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var lockRow = new NpgsqlCommand(
            "SELECT blocked_until, clock_timestamp() FROM tenant_budget WHERE tenant_key = @tenant FOR UPDATE", connection, transaction);
        lockRow.Parameters.AddWithValue("tenant", target.TenantKey);
        await using var reader = await lockRow.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (Database.NullableTime(reader, 0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    const string EnsureRowsSql =
        """
        INSERT INTO tenant_budget (tenant_key) VALUES (@tenant) ON CONFLICT DO NOTHING;
        INSERT INTO target_state (target) VALUES (@target) ON CONFLICT DO NOTHING;
        """;

    /// <summary>Reads the ledger without locking (metrics, the remaining budget published with a submission).</summary>
    public async Task<LedgerSnapshot> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DispatchTarget target, CancellationToken cancellationToken)
    {
        var now = await Database.ClockAsync(connection, transaction, cancellationToken);
        return await ReadAsync(connection, transaction, target, now, null, cancellationToken);
    }

    async Task<LedgerSnapshot> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DispatchTarget target, DateTimeOffset now,
        DateTimeOffset? throttledUntil, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var span = target.Limits.RateWindow + settings.RateSafetyMargin;
        await using var command = new NpgsqlCommand(
            """
            WITH c AS (
                SELECT COALESCE(completed_at, reserved_at + @timeout) AS bound
                FROM call WHERE tenant_key = @tenant AND reserved_at > @now - @day - @timeout
            )
            SELECT count(*) FILTER (WHERE bound > @now - @day),
                   min(bound) FILTER (WHERE bound > @now - @day),
                   COALESCE(array_agg(bound ORDER BY bound) FILTER (WHERE bound > @now - @span), '{}')
            FROM c
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", target.TenantKey);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("timeout", settings.RequestTimeout);
        command.Parameters.AddWithValue("day", TenantLimits.Day);
        command.Parameters.AddWithValue("span", span);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LedgerSnapshot(
            now,
            reader.GetFieldValue<DateTimeOffset[]>(2),
            (int)reader.GetInt64(0),
            Database.NullableTime(reader, 1),
            throttledUntil);
    }

    /// <summary>Creates the tenant and target rows the reservations lock (idempotent; every replica runs it at start).</summary>
    public static async Task EnsureRowsAsync(NpgsqlDataSource dataSource, IEnumerable<DispatchTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            await using var command = dataSource.CreateCommand(EnsureRowsSql);
            command.Parameters.AddWithValue("tenant", target.TenantKey);
            command.Parameters.AddWithValue("target", target.Name);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
