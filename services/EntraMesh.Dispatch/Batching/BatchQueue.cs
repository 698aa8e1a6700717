using EntraMesh.Contracts;
using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// Takes the next batch of a target: in one transaction it picks up to a batch of pending changes (Leaver,
/// Joiner/Rehire, Mover, Update; oldest first; never a worker that already has a change in flight), locks the tenant's
/// budget row, checks the target's state and the tenant's budgets, records the call and which operations it carries,
/// and marks them in flight with a lease. Only then is the call sent: a crash after this commit and before the
/// answer is recorded leaves a lease that runs out, and the operations are sent again (harmless).
/// </summary>
public sealed class BatchQueue(NpgsqlDataSource dataSource, CallLedger ledger, IOptions<DispatchOptions> options)
{
    /// <summary>
    /// Pending and not held back by a change of the same worker in flight. <c>priority &gt;= 0</c> always holds: it lets
    /// the claim use <c>operation_queue</c>, which the per-worker lookups cannot (migration 0003). <c>OFFSET 0</c> keeps
    /// the in-flight check a probe of each candidate's own key; as an anti-join, with statistics taken while nothing was
    /// in flight, PostgreSQL read every operation in flight once per candidate.
    /// </summary>
    const string Eligible =
        """
        o.target = @target AND o.status = 'pending' AND o.priority >= 0
        AND NOT EXISTS (SELECT 1 FROM operation f WHERE f.target = o.target AND f.source_id = o.source_id
                        AND f.worker_id = o.worker_id AND f.status = 'in_flight' OFFSET 0)
        """;

    public async Task<QueuePeek> PeekAsync(DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT count(*), clock_timestamp() - min(queued_at), clock_timestamp() - max(stored_at),
                   count(*) FILTER (WHERE priority <= @urgent), clock_timestamp() - min(queued_at) FILTER (WHERE priority <= @urgent)
            FROM (
                SELECT o.queued_at, o.stored_at, o.priority FROM operation o WHERE {Eligible}
                ORDER BY o.priority, o.queued_at, o.queue_seq LIMIT @limit) AS next
            """);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("limit", options.Value.MaxOperationsPerCall);
        command.Parameters.AddWithValue("urgent", (short)ChangePriority.Joiner);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var waiting = (int)reader.GetInt64(0);
        if (waiting == 0) return QueuePeek.Empty;
        var urgent = (int)reader.GetInt64(3);
        return new QueuePeek(waiting, reader.GetFieldValue<TimeSpan>(1), reader.GetFieldValue<TimeSpan>(2),
            urgent, urgent == 0 ? TimeSpan.Zero : reader.GetFieldValue<TimeSpan>(4));
    }

    /// <summary>
    /// Reserves the next call of <paramref name="target"/>, or says why not. With <paramref name="onlyFull"/> a batch
    /// smaller than a full one is left in line (<see cref="ClaimResult.Empty"/>): the caller then looks at the line first.
    /// With <paramref name="maxCalls"/> above one, further full calls are reserved in the same transaction while the line
    /// fills them and the budgets, counting the calls reserved before them, allow them (none while only leavers may go, or
    /// while the target recovers and sends one call at a time).
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(DispatchTarget target, CancellationToken cancellationToken, bool onlyFull = false, int maxCalls = 1)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The line is read (and its first operations locked, skipping those another claim holds) before the tenant's
        // budget row is locked: every call of the tenant, on every replica, is reserved under that lock one after the
        // other, so it is held only for the budget check and the call's record, not for the search of the line. Both go in
        // one round trip, and so does the call's record below. Leavers come first in the line, so a reserve that admits
        // only leavers takes the leading ones of these.
        List<ClaimedOperation> candidates;
        LockedLedger? locked;
        var perCall = options.Value.MaxOperationsPerCall;
        await using (var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { SelectCommand(target, perCall * maxCalls) } })
        {
            foreach (var command in ledger.LockCommands(target, lockTarget: true)) batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            candidates = await ReadCandidatesAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            locked = await CallLedger.ReadLockedAsync(reader, lockTarget: true, cancellationToken);
        }

        var (snapshot, pausedUntil, stoppedReason, recovering) = locked ?? await ledger.LockAndReadAsync(connection, transaction, target, lockTarget: true, cancellationToken);
        if (pausedUntil is { } until && until > snapshot.Now)
        {
            // A target that failed or stopped sends one call at a time until one is accepted (see RecordCallsAsync).
            return new ClaimResult.Wait(until, snapshot.Now, stoppedReason is null ? "backing off after failures" : "target stopped: " + stoppedReason);
        }

        var decision = BudgetPolicy.Decide(snapshot, target.Limits, options.Value.RateSafetyMargin);
        if (decision is BudgetDecision.Wait wait) return new ClaimResult.Wait(wait.Until, snapshot.Now, wait.Reason);

        var send = (BudgetDecision.Send)decision;
        var operations = (send.LeaversOnly ? candidates.TakeWhile(o => o.Priority == ChangePriority.Leaver) : candidates).Take(perCall).ToList();
        if (operations.Count == 0 && send.OthersWait is { } others)
        {
            return new ClaimResult.Wait(others.Until, snapshot.Now, others.Reason, LeaversMayGo: true);
        }

        // Leavers in a reserve go without waiting for a full call.
        if (onlyFull && !send.LeaversOnly && operations.Count < perCall) return new ClaimResult.Empty();
        if (operations.Count == 0) return new ClaimResult.Empty();

        List<IReadOnlyList<ClaimedOperation>> calls = [operations];
        if (!send.LeaversOnly && !recovering) calls.AddRange(FurtherCalls(snapshot, target, candidates.Skip(perCall).ToList()));
        var reserved = await RecordCallsAsync(connection, transaction, target, calls, previousCall: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult.Claimed(reserved!);
    }

    /// <summary>
    /// Full calls from <paramref name="rest"/> that the budgets allow after the first call, each counted as arriving as late
    /// as an unanswered call can (its reservation plus the request timeout), as the ledger will count it.
    /// </summary>
    IEnumerable<IReadOnlyList<ClaimedOperation>> FurtherCalls(LedgerSnapshot snapshot, DispatchTarget target, List<ClaimedOperation> rest)
    {
        var settings = options.Value;
        var ledgerAfter = snapshot;
        foreach (var call in rest.Chunk(settings.MaxOperationsPerCall))
        {
            if (call.Length < settings.MaxOperationsPerCall) yield break;
            ledgerAfter = ledgerAfter with
            {
                RecentArrivalBounds = [.. ledgerAfter.RecentArrivalBounds, ledgerAfter.Now + settings.RequestTimeout],
                CallsInLastDay = ledgerAfter.CallsInLastDay + 1,
            };
            if (BudgetPolicy.Decide(ledgerAfter, target.Limits, settings.RateSafetyMargin) is not BudgetDecision.Send { LeaversOnly: false }) yield break;
            yield return call;
        }
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
        if (decision is BudgetDecision.Send { OthersWait: { } others } && operations.Any(o => o.Priority != ChangePriority.Leaver))
        {
            return new ClaimResult.Wait(others.Until, snapshot.Now, others.Reason, LeaversMayGo: true);
        }

        var batches = await RecordCallsAsync(connection, transaction, target, [operations], previous.CallId, cancellationToken);
        if (batches is null) return new ClaimResult.Lost();
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult.Claimed(batches);
    }

    static NpgsqlBatchCommand SelectCommand(DispatchTarget target, int limit)
    {
        var command = new NpgsqlBatchCommand(
            $"""
            SELECT o.change_id, o.record_id, o.source_id, o.worker_id, o.revision, o.change_kind, o.priority,
                   o.external_id, o.data::text, o.planned_at
            FROM operation o WHERE {Eligible}
            ORDER BY o.priority, o.queued_at, o.queue_seq
            LIMIT @limit
            FOR UPDATE OF o SKIP LOCKED
            """);
        command.Parameters.AddWithValue("target", target.Name);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }

    static async Task<List<ClaimedOperation>> ReadCandidatesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var operations = new List<ClaimedOperation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            operations.Add(new ClaimedOperation(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                Enum.Parse<ChangeKind>(reader.GetString(5)), (ChangePriority)reader.GetInt16(6),
                reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return operations;
    }

    /// <summary>
    /// Inserts each call and which operations it carries, and puts them in flight (one round trip for all). A call's
    /// reservation time is taken here, as late as possible before sending: the budgets were checked at an earlier
    /// instant, so they still hold, and the call is counted from a time closer to its real arrival. Null when the
    /// operations are no longer the previous call's.
    /// </summary>
    async Task<IReadOnlyList<ClaimedBatch>?> RecordCallsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DispatchTarget target, IReadOnlyList<IReadOnlyList<ClaimedOperation>> calls,
        Guid? previousCall, CancellationToken cancellationToken)
    {
        const string ReservedAt = "(SELECT reserved_at FROM call WHERE call_id = @call)";
        const int CommandsPerCall = 4;
        var callIds = calls.Select(_ => Guid.CreateVersion7()).ToList();
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < calls.Count; i++)
        {
            var ids = calls[i].Select(o => o.ChangeId).ToArray();
            NpgsqlBatchCommand[] commands =
            [
                new("INSERT INTO call (call_id, tenant_key, target, reserved_at, operations) VALUES (@call, @tenant, @target, clock_timestamp(), @count) RETURNING reserved_at"),
                new(
                    $"""
                    UPDATE operation SET status = 'in_flight', call_id = @call, lease_until = {ReservedAt} + @lease, attempts = attempts + 1
                    WHERE change_id = ANY(@ids) AND (@previous::uuid IS NULL OR (status = 'in_flight' AND call_id = @previous))
                    """),
                new(
                    $"""
                    INSERT INTO call_operation (call_id, change_id, target, external_id, sent_at)
                    SELECT @call, change_id, @target, external_id, {ReservedAt} FROM unnest(@ids, @externals) AS o(change_id, external_id)
                    """),
                // A target recovering from failures or a stop sends this call alone until its answer is recorded.
                new(
                    $"""
                    UPDATE target_state SET probe_call_id = @call, paused_until = {ReservedAt} + @hold
                    WHERE target = @target AND (consecutive_failures > 0 OR stopped_reason IS NOT NULL)
                    """),
            ];
            foreach (var command in commands)
            {
                command.Parameters.AddWithValue("call", callIds[i]);
                command.Parameters.AddWithValue("target", target.Name);
                batch.BatchCommands.Add(command);
            }

            commands[0].Parameters.AddWithValue("tenant", target.TenantKey);
            commands[0].Parameters.AddWithValue("count", ids.Length);
            commands[1].Parameters.AddWithValue("lease", options.Value.InFlightLease);
            commands[1].Parameters.AddWithValue("ids", ids);
            commands[1].Parameters.Add(new NpgsqlParameter<Guid?>("previous", previousCall));
            commands[2].Parameters.AddWithValue("ids", ids);
            commands[2].Parameters.AddWithValue("externals", calls[i].Select(o => o.ExternalId).ToArray());
            commands[3].Parameters.AddWithValue("hold", options.Value.RequestTimeout + TimeSpan.FromSeconds(5));
        }

        var reservedAt = new List<DateTimeOffset>(calls.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                if (await reader.ReadAsync(cancellationToken)) reservedAt.Add(reader.GetFieldValue<DateTimeOffset>(0));
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        for (var i = 0; i < calls.Count; i++)
        {
            if (batch.BatchCommands[i * CommandsPerCall + 1].RecordsAffected != calls[i].Count) return null;
        }

        return calls.Select((operations, i) => new ClaimedBatch(callIds[i], target, reservedAt[i], operations)).ToList();
    }
}
