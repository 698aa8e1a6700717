using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// Puts in-flight operations back in their target's line after a call that did not go through (429, 5xx, timeout,
/// 401, 403, shutdown) or whose lease ran out (a replica died mid-call). The worker rows are locked first, in order,
/// like the consumer does. An operation whose worker got a newer pending change meanwhile is coalesced into it (the
/// newer change keeps the more urgent priority and the earlier place); one that has kept failing past
/// <c>Dispatch:GiveUpAfter</c> is given up and returned to the caller for a <see cref="ProvisioningRejected"/>.
/// </summary>
public static class PendingReturn
{
    public sealed record Request(
        string Target,
        IReadOnlyList<Guid> ChangeIds,
        Guid? CallId,
        bool CountsAsFailure,
        string Error,
        DateTimeOffset Now,
        TimeSpan GiveUpAfter);

    /// <summary>Returns the operations given up (already marked rejected).</summary>
    public static async Task<IReadOnlyList<ReturnedOperation>> ReturnAsync(OutboxTransaction tx, Request request, CancellationToken cancellationToken)
    {
        var ids = request.ChangeIds.ToArray();
        await using (var lockWorkers = tx.Command(
            """
            SELECT 1 FROM worker_state w JOIN operation o
              ON o.target = w.target AND o.source_id = w.source_id AND o.worker_id = w.worker_id
            WHERE o.change_id = ANY(@ids)
            ORDER BY w.target, w.source_id, w.worker_id FOR UPDATE OF w
            """))
        {
            lockWorkers.Parameters.AddWithValue("ids", ids);
            await lockWorkers.ExecuteNonQueryAsync(cancellationToken);
        }

        var returned = await ReadReturnedAsync(tx, ids, request.CallId, cancellationToken);
        if (returned.Count == 0) return [];
        var pending = await ReadPendingAsync(tx, request.Target, ids, cancellationToken);

        var toPending = new List<Guid>();
        var rejected = new List<ReturnedOperation>();
        var superseded = new List<(Guid Change, Guid Newer)>();
        foreach (var operation in returned)
        {
            var failingSince = request.CountsAsFailure ? operation.FirstFailedAt ?? request.Now : operation.FirstFailedAt;
            if (request.CountsAsFailure && request.Now - failingSince >= request.GiveUpAfter)
            {
                rejected.Add(operation.Identity);
            }
            else if (pending.TryGetValue((operation.Identity.SourceId, operation.Identity.WorkerId), out var newer))
            {
                pending[(operation.Identity.SourceId, operation.Identity.WorkerId)] = newer with { Place = Coalescing.Merge(operation.Place, newer.Place), Changed = true };
                superseded.Add((operation.Identity.ChangeId, newer.ChangeId));
            }
            else
            {
                toPending.Add(operation.Identity.ChangeId);
            }
        }

        await using var write = tx.Command(
            """
            UPDATE operation p SET change_kind = u.kind, priority = u.priority, planned_at = u.planned, queued_at = u.queued
            FROM unnest(@mergedIds, @mergedKinds, @mergedPriorities, @mergedPlanned, @mergedQueued) AS u(change_id, kind, priority, planned, queued)
            WHERE p.change_id = u.change_id;

            UPDATE operation o SET status = 'superseded', superseded_by = u.newer, lease_until = NULL, finished_at = @now, last_error = @error
            FROM unnest(@supersededIds, @newerIds) AS u(change_id, newer)
            WHERE o.change_id = u.change_id;

            UPDATE operation SET status = 'pending', lease_until = NULL, last_error = @error,
                   first_failed_at = CASE WHEN @failure THEN COALESCE(first_failed_at, @now) ELSE first_failed_at END
            WHERE change_id = ANY(@pendingIds);

            UPDATE operation SET status = 'rejected', lease_until = NULL, finished_at = @now, last_error = @error
            WHERE change_id = ANY(@rejectedIds);
            """);
        var merged = pending.Values.Where(p => p.Changed).ToList();
        write.Parameters.AddWithValue("mergedIds", merged.Select(m => m.ChangeId).ToArray());
        write.Parameters.AddWithValue("mergedKinds", merged.Select(m => m.Place.Kind.ToString()).ToArray());
        write.Parameters.AddWithValue("mergedPriorities", merged.Select(m => (short)m.Place.Priority).ToArray());
        write.Parameters.AddWithValue("mergedPlanned", merged.Select(m => m.Place.PlannedAt).ToArray());
        write.Parameters.AddWithValue("mergedQueued", merged.Select(m => m.Place.QueuedAt).ToArray());
        write.Parameters.AddWithValue("supersededIds", superseded.Select(s => s.Change).ToArray());
        write.Parameters.AddWithValue("newerIds", superseded.Select(s => s.Newer).ToArray());
        write.Parameters.AddWithValue("pendingIds", toPending.ToArray());
        write.Parameters.AddWithValue("rejectedIds", rejected.Select(r => r.ChangeId).ToArray());
        write.Parameters.AddWithValue("now", request.Now);
        write.Parameters.AddWithValue("error", Truncate(request.Error));
        write.Parameters.AddWithValue("failure", request.CountsAsFailure);
        await write.ExecuteNonQueryAsync(cancellationToken);
        return rejected;
    }

    sealed record InFlight(ReturnedOperation Identity, QueuePlace Place, DateTimeOffset? FirstFailedAt);

    sealed record Waiting(Guid ChangeId, QueuePlace Place, bool Changed);

    static async Task<List<InFlight>> ReadReturnedAsync(OutboxTransaction tx, Guid[] ids, Guid? callId, CancellationToken cancellationToken)
    {
        await using var select = tx.Command(
            """
            SELECT change_id, record_id, source_id, worker_id, revision, change_kind, priority, planned_at, queued_at,
                   first_failed_at, call_id
            FROM operation WHERE change_id = ANY(@ids) AND status = 'in_flight' AND (@call::uuid IS NULL OR call_id = @call)
            ORDER BY queue_seq
            FOR UPDATE
            """);
        select.Parameters.AddWithValue("ids", ids);
        select.Parameters.Add(new Npgsql.NpgsqlParameter<Guid?>("call", callId));
        var result = new List<InFlight>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = Enum.Parse<ChangeKind>(reader.GetString(5));
            result.Add(new InFlight(
                new ReturnedOperation(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), kind,
                    reader.IsDBNull(10) ? null : reader.GetGuid(10)),
                new QueuePlace(kind, (ChangePriority)reader.GetInt16(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)),
                Storage.Database.NullableTime(reader, 9)));
        }

        return result;
    }

    static async Task<Dictionary<(string, string), Waiting>> ReadPendingAsync(
        OutboxTransaction tx, string target, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var select = tx.Command(
            """
            SELECT p.change_id, p.source_id, p.worker_id, p.change_kind, p.priority, p.planned_at, p.queued_at
            FROM operation p
            WHERE p.target = @target AND p.status = 'pending'
              AND (p.source_id, p.worker_id) IN (SELECT source_id, worker_id FROM operation WHERE change_id = ANY(@ids))
            FOR UPDATE
            """);
        select.Parameters.AddWithValue("target", target);
        select.Parameters.AddWithValue("ids", ids);
        var result = new Dictionary<(string, string), Waiting>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[(reader.GetString(1), reader.GetString(2))] = new Waiting(
                reader.GetGuid(0),
                new QueuePlace(Enum.Parse<ChangeKind>(reader.GetString(3)), (ChangePriority)reader.GetInt16(4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)),
                Changed: false);
        }

        return result;
    }

    static string Truncate(string error) => error.Length > 2000 ? error[..2000] : error;
}
