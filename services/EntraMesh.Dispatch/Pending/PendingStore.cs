using EntraMesh.Contracts;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Dispatch.Storage;
using Npgsql;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// Stores planned changes in the target's pending line, inside the caller's transaction (the consumer's, which also
/// claims the message and publishes <see cref="IdentityChangeQueued"/>). The worker's <c>worker_state</c> row is locked
/// first, so everything done to one worker's line happens one at a time.
/// </summary>
public sealed class PendingStore
{
    public async Task<EnqueueOutcome> EnqueueAsync(OutboxTransaction tx, PlannedOperation operation, CancellationToken cancellationToken)
    {
        var latest = await LockWorkerAsync(tx, operation, cancellationToken);
        if (latest is { } known && operation.Revision < known) return new EnqueueOutcome.Ignored(known);
        if (await IsKnownAsync(tx, operation.ChangeId, cancellationToken)) return new EnqueueOutcome.Ignored(latest ?? operation.Revision);

        await using (var update = tx.Command(
            "UPDATE worker_state SET latest_revision = @revision WHERE target = @target AND source_id = @source AND worker_id = @worker"))
        {
            AddWorker(update, operation);
            update.Parameters.AddWithValue("revision", operation.Revision);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = await NowAsync(tx, cancellationToken);
        var incoming = new QueuePlace(operation.Kind, operation.Priority, operation.PlannedAt, now);
        var replaced = await FindPendingAsync(tx, operation, cancellationToken);
        var place = replaced is null ? incoming : Coalescing.Merge(replaced.Value.Place, incoming);

        if (replaced is not null)
        {
            await using var supersede = tx.Command(
                "UPDATE operation SET status = 'superseded', superseded_by = @newer, finished_at = @now WHERE change_id = @change");
            supersede.Parameters.AddWithValue("newer", operation.ChangeId);
            supersede.Parameters.AddWithValue("now", now);
            supersede.Parameters.AddWithValue("change", replaced.Value.ChangeId);
            await supersede.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = tx.Command(
            """
            INSERT INTO operation (change_id, target, source_id, worker_id, record_id, revision, change_kind, priority,
                                   external_id, data, planned_at, queued_at, status)
            VALUES (@change, @target, @source, @worker, @record, @revision, @kind, @priority,
                    @external, @data::jsonb, @planned, @queued, 'pending')
            """))
        {
            AddWorker(insert, operation);
            insert.Parameters.AddWithValue("change", operation.ChangeId);
            insert.Parameters.AddWithValue("record", operation.RecordId);
            insert.Parameters.AddWithValue("revision", operation.Revision);
            insert.Parameters.AddWithValue("kind", place.Kind.ToString());
            insert.Parameters.AddWithValue("priority", (short)place.Priority);
            insert.Parameters.AddWithValue("external", operation.ExternalId);
            insert.Parameters.AddWithValue("data", operation.Data);
            insert.Parameters.AddWithValue("planned", place.PlannedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("queued", place.QueuedAt.ToUniversalTime());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return new EnqueueOutcome.Queued(now, replaced?.Revision);
    }

    /// <summary>Locks the worker's row (creating it), returning the newest revision seen before, if any.</summary>
    static async Task<long?> LockWorkerAsync(OutboxTransaction tx, PlannedOperation operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using (var select = tx.Command(
                "SELECT latest_revision FROM worker_state WHERE target = @target AND source_id = @source AND worker_id = @worker FOR UPDATE"))
            {
                AddWorker(select, operation);
                if (await select.ExecuteScalarAsync(cancellationToken) is long latest) return latest;
            }

            await using var insert = tx.Command(
                """
                INSERT INTO worker_state (target, source_id, worker_id, latest_revision) VALUES (@target, @source, @worker, @revision)
                ON CONFLICT DO NOTHING
                """);
            AddWorker(insert, operation);
            insert.Parameters.AddWithValue("revision", operation.Revision);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1) return null;
            // another transaction created it meanwhile: lock it on the next round
        }

        throw new InvalidOperationException($"Could not lock the queue of worker {operation.WorkerId} for target {operation.Target}.");
    }

    static async Task<(Guid ChangeId, long Revision, QueuePlace Place)?> FindPendingAsync(
        OutboxTransaction tx, PlannedOperation operation, CancellationToken cancellationToken)
    {
        await using var select = tx.Command(
            """
            SELECT change_id, revision, change_kind, priority, planned_at, queued_at FROM operation
            WHERE target = @target AND source_id = @source AND worker_id = @worker AND status = 'pending'
            FOR UPDATE
            """);
        AddWorker(select, operation);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (reader.GetGuid(0), reader.GetInt64(1), new QueuePlace(
            Enum.Parse<ChangeKind>(reader.GetString(2)),
            (ChangePriority)reader.GetInt16(3),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetFieldValue<DateTimeOffset>(5)));
    }

    /// <summary>The same change id under another message id (a plan published twice): it is stored already.</summary>
    static async Task<bool> IsKnownAsync(OutboxTransaction tx, Guid changeId, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("SELECT EXISTS (SELECT 1 FROM operation WHERE change_id = @change)");
        command.Parameters.AddWithValue("change", changeId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    static Task<DateTimeOffset> NowAsync(OutboxTransaction tx, CancellationToken cancellationToken) =>
        Database.ClockAsync(tx.Connection, tx.Transaction, cancellationToken);

    static void AddWorker(NpgsqlCommand command, PlannedOperation operation)
    {
        command.Parameters.AddWithValue("target", operation.Target);
        command.Parameters.AddWithValue("source", operation.SourceId);
        command.Parameters.AddWithValue("worker", operation.WorkerId);
    }
}
