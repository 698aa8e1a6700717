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
    /// <summary>Locks the tenant's row and reads its ledger at the database clock, in one round trip. Call inside a transaction.</summary>
    public async Task<LedgerSnapshot> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, CancellationToken cancellationToken) =>
        (await LockAndReadAsync(connection, transaction, target, lockTarget: false, cancellationToken)).Ledger;

    /// <summary>
    /// Locks the tenant's row, reads its ledger at the database clock and, with <paramref name="lockTarget"/>, locks the
    /// target's row and reads whether it is paused, in one round trip (see <see cref="LockCommands"/>). Call inside a
    /// transaction.
    /// </summary>
    public async Task<LockedLedger> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, bool lockTarget, CancellationToken cancellationToken)
    {
        // The rows are created at start (EnsureRowsAsync); a claim that comes first creates them itself, in its transaction.
        for (var attempt = 0; ; attempt++)
        {
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                foreach (var command in LockCommands(target, lockTarget)) batch.BatchCommands.Add(command);
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                if (await ReadLockedAsync(reader, lockTarget, cancellationToken) is { } locked) return locked;
            }

            if (attempt > 0) throw new InvalidOperationException($"No budget row for tenant {target.TenantKey} after creating it.");
            await using var ensure = new NpgsqlCommand(EnsureRowsSql, connection, transaction);
            ensure.Parameters.AddWithValue("tenant", target.TenantKey);
            ensure.Parameters.AddWithValue("target", target.Name);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The statements that lock the tenant's row, read its ledger and, with <paramref name="lockTarget"/>, lock the target's
    /// row, to be sent in one round trip (with statements before them if the caller has any): the tenant's lock, which
    /// every reservation of the tenant waits for, is then held for as few round trips as possible. Each statement reads
    /// what was committed when it began, so the ledger, read after the lock was granted, counts every call reserved under
    /// the lock before. Read their results with <see cref="ReadLockedAsync"/>.
    /// </summary>
    public IEnumerable<NpgsqlBatchCommand> LockCommands(DispatchTarget target, bool lockTarget)
    {
        var lockRow = new NpgsqlBatchCommand("SELECT blocked_until FROM tenant_budget WHERE tenant_key = @tenant FOR UPDATE");
        lockRow.Parameters.AddWithValue("tenant", target.TenantKey);
        yield return lockRow;
        yield return ReadCommand(target);
        if (!lockTarget) yield break;
        var lockTargetRow = new NpgsqlBatchCommand("SELECT paused_until, stopped_reason, consecutive_failures > 0 OR stopped_reason IS NOT NULL FROM target_state WHERE target = @target FOR UPDATE");
        lockTargetRow.Parameters.AddWithValue("target", target.Name);
        yield return lockTargetRow;
    }

    /// <summary>
    /// The results of <see cref="LockCommands"/>, the reader standing at the first of them; null when the tenant's row
    /// does not exist yet (nothing is locked: <see cref="LockAndReadAsync"/> creates it).
    /// </summary>
    public static async Task<LockedLedger?> ReadLockedAsync(NpgsqlDataReader reader, bool lockTarget, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var blockedUntil = Database.NullableTime(reader, 0);
        await reader.NextResultAsync(cancellationToken);
        var ledger = await ReadSnapshotAsync(reader, blockedUntil, cancellationToken);
        if (!lockTarget) return new LockedLedger(ledger, null, null, false);
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LockedLedger(ledger, Database.NullableTime(reader, 0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2))
            : new LockedLedger(ledger, null, null, false);
    }

    const string EnsureRowsSql =
        """
        INSERT INTO tenant_budget (tenant_key) VALUES (@tenant) ON CONFLICT DO NOTHING;
        INSERT INTO target_state (target) VALUES (@target) ON CONFLICT DO NOTHING;
        """;

    /// <summary>Reads the ledger without locking (metrics, the remaining budget published with a submission), at the database clock.</summary>
    public async Task<LedgerSnapshot> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { ReadCommand(target) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadSnapshotAsync(reader, null, cancellationToken);
    }

    /// <summary>The tenant's calls that may count in the last day or the rate window, as of the statement's clock.</summary>
    NpgsqlBatchCommand ReadCommand(DispatchTarget target)
    {
        var settings = options.Value;
        var span = target.Limits.RateWindow + settings.RateSafetyMargin;
        var command = new NpgsqlBatchCommand(
            """
            SELECT t.now, c.calls, c.oldest, c.bounds
            FROM (SELECT clock_timestamp() AS now) AS t
            CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE bound > t.now - @day) AS calls,
                       min(bound) FILTER (WHERE bound > t.now - @day) AS oldest,
                       COALESCE(array_agg(bound ORDER BY bound) FILTER (WHERE bound > t.now - @span), '{}') AS bounds
                FROM (SELECT COALESCE(completed_at, reserved_at + @timeout) AS bound
                      FROM call WHERE tenant_key = @tenant AND reserved_at > t.now - @day - @timeout) AS b) AS c
            """);
        command.Parameters.AddWithValue("tenant", target.TenantKey);
        command.Parameters.AddWithValue("timeout", settings.RequestTimeout);
        command.Parameters.AddWithValue("day", TenantLimits.Day);
        command.Parameters.AddWithValue("span", span);
        return command;
    }

    static async Task<LedgerSnapshot> ReadSnapshotAsync(NpgsqlDataReader reader, DateTimeOffset? throttledUntil, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return new LedgerSnapshot(
            reader.GetFieldValue<DateTimeOffset>(0),
            reader.GetFieldValue<DateTimeOffset[]>(3),
            (int)reader.GetInt64(1),
            Database.NullableTime(reader, 2),
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
