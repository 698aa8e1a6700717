using EntraMesh.Contracts;
using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Storage;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// Takes the next batch of a target: in one transaction it locks the tenant's budget row, checks the target's state
/// and the tenant's budgets, picks up to a batch of pending changes (Leaver, Joiner/Rehire, Mover, Update; oldest
/// first; never a worker that already has a change in flight), records the call and which operations it carries,
/// and marks them in flight with a lease. Only then is the call sent: a crash after this commit and before the
/// answer is recorded leaves a lease that runs out, and the operations are sent again (harmless).
/// </summary>
public sealed class BatchQueue(NpgsqlDataSource dataSource, CallLedger ledger, IOptions<DispatchOptions> options)
{
    const string Eligible =
        """
        o.target = @target AND o.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM operation f WHERE f.target = o.target AND f.source_id = o.source_id
                        AND f.worker_id = o.worker_id AND f.status = 'in_flight')
        """;

    public async Task<QueuePeek> PeekAsync(DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT count(*), clock_timestamp() - min(queued_at) FROM (
                SELECT o.queued_at FROM operation o WHERE {Eligible}
                ORDER BY o.priority, o.queued_at, o.queue_seq LIMIT @limit) AS next
            """);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("limit", options.Value.MaxOperationsPerCall);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var waiting = (int)reader.GetInt64(0);
        return new QueuePeek(waiting, waiting == 0 ? TimeSpan.Zero : reader.GetFieldValue<TimeSpan>(1));
    }

    public async Task<ClaimResult> ClaimAsync(DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var snapshot = await ledger.LockAndReadAsync(connection, transaction, target, cancellationToken);
        if (await TargetPausedUntilAsync(connection, transaction, target, snapshot.Now, cancellationToken) is { } paused)
        {
            return new ClaimResult.Wait(paused.Until, snapshot.Now, paused.Reason);
        }

        var decision = BudgetPolicy.Decide(snapshot, target.Limits, options.Value.RateSafetyMargin);
        if (decision is BudgetDecision.Wait wait) return new ClaimResult.Wait(wait.Until, snapshot.Now, wait.Reason);

        var leaversOnly = ((BudgetDecision.Send)decision).LeaversOnly;
        var operations = await SelectAsync(connection, transaction, target, leaversOnly, options.Value.MaxOperationsPerCall, cancellationToken);
        if (operations.Count == 0)
        {
            return leaversOnly
                ? new ClaimResult.Wait(BudgetPolicy.DailySlotFreesAt(snapshot), snapshot.Now, "daily budget down to the leaver reserve")
                : new ClaimResult.Empty();
        }

        var batch = new ClaimedBatch(NewId.NextGuid(), target, snapshot.Now, operations);
        await RecordCallAsync(connection, transaction, batch, previousCall: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult.Claimed(batch);
    }

    /// <summary>
    /// A new call for operations this replica already holds in flight (one half of a split batch). Lost when their
    /// lease ran out and another call took them.
    /// </summary>
    public async Task<ClaimResult> ReserveAgainAsync(ClaimedBatch previous, IReadOnlyList<ClaimedOperation> operations, CancellationToken cancellationToken)
    {
        var target = previous.Target;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var snapshot = await ledger.LockAndReadAsync(connection, transaction, target, cancellationToken);
        var decision = BudgetPolicy.Decide(snapshot, target.Limits, options.Value.RateSafetyMargin);
        if (decision is BudgetDecision.Wait wait) return new ClaimResult.Wait(wait.Until, snapshot.Now, wait.Reason);
        if (decision is BudgetDecision.Send { LeaversOnly: true } && operations.Any(o => o.Priority != ChangePriority.Leaver))
        {
            return new ClaimResult.Wait(BudgetPolicy.DailySlotFreesAt(snapshot), snapshot.Now, "daily budget down to the leaver reserve");
        }

        var batch = new ClaimedBatch(NewId.NextGuid(), target, snapshot.Now, operations);
        if (!await RecordCallAsync(connection, transaction, batch, previous.CallId, cancellationToken)) return new ClaimResult.Lost();
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult.Claimed(batch);
    }

    async Task<(DateTimeOffset Until, string Reason)?> TargetPausedUntilAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT paused_until, consecutive_failures, stopped_reason FROM target_state WHERE target = @target FOR UPDATE",
            connection, transaction);
        command.Parameters.AddWithValue("target", target.Name);
        DateTimeOffset? pausedUntil;
        int failures;
        string? stopped;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            pausedUntil = Database.NullableTime(reader, 0);
            failures = reader.GetInt32(1);
            stopped = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        if (pausedUntil is { } until && until > now) return (until, stopped is null ? "backing off after failures" : "target stopped: " + stopped);
        if (failures == 0 && stopped is null) return null;

        // A target that failed or stopped sends one probe call at a time: hold the others until its answer is recorded.
        await using var hold = new NpgsqlCommand("UPDATE target_state SET paused_until = @until WHERE target = @target", connection, transaction);
        hold.Parameters.AddWithValue("until", now + options.Value.RequestTimeout + TimeSpan.FromSeconds(5));
        hold.Parameters.AddWithValue("target", target.Name);
        await hold.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    static async Task<List<ClaimedOperation>> SelectAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, bool leaversOnly, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT o.change_id, o.record_id, o.source_id, o.worker_id, o.revision, o.change_kind, o.priority,
                   o.external_id, o.data::text, o.planned_at
            FROM operation o WHERE {Eligible} AND (NOT @leaversOnly OR o.priority = 0)
            ORDER BY o.priority, o.queued_at, o.queue_seq
            LIMIT @limit
            FOR UPDATE OF o SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("leaversOnly", leaversOnly);
        command.Parameters.AddWithValue("limit", limit);
        var operations = new List<ClaimedOperation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            operations.Add(new ClaimedOperation(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                Enum.Parse<ChangeKind>(reader.GetString(5)), (ChangePriority)reader.GetInt16(6),
                reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return operations;
    }

    /// <summary>Inserts the call and its operations and puts them in flight; false when they are no longer the previous call's.</summary>
    async Task<bool> RecordCallAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedBatch batch, Guid? previousCall, CancellationToken cancellationToken)
    {
        var ids = batch.Operations.Select(o => o.ChangeId).ToArray();
        await using (var update = new NpgsqlCommand(
            """
            UPDATE operation SET status = 'in_flight', call_id = @call, lease_until = @now + @lease, attempts = attempts + 1
            WHERE change_id = ANY(@ids) AND (@previous::uuid IS NULL OR (status = 'in_flight' AND call_id = @previous))
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("call", batch.CallId);
            update.Parameters.AddWithValue("now", batch.ReservedAt);
            update.Parameters.AddWithValue("lease", options.Value.InFlightLease);
            update.Parameters.AddWithValue("ids", ids);
            update.Parameters.Add(new NpgsqlParameter<Guid?>("previous", previousCall));
            if (await update.ExecuteNonQueryAsync(cancellationToken) != ids.Length) return false;
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO call (call_id, tenant_key, target, reserved_at, operations) VALUES (@call, @tenant, @target, @now, @count);
            INSERT INTO call_operation (call_id, change_id, target, external_id, sent_at)
            SELECT @call, change_id, @target, external_id, @now FROM unnest(@ids, @externals) AS o(change_id, external_id);
            """, connection, transaction);
        insert.Parameters.AddWithValue("call", batch.CallId);
        insert.Parameters.AddWithValue("tenant", batch.Target.TenantKey);
        insert.Parameters.AddWithValue("target", batch.Target.Name);
        insert.Parameters.AddWithValue("now", batch.ReservedAt);
        insert.Parameters.AddWithValue("count", ids.Length);
        insert.Parameters.AddWithValue("ids", ids);
        insert.Parameters.AddWithValue("externals", batch.Operations.Select(o => o.ExternalId).ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
