using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Observability;
using EntraMesh.Dispatch.Pending;
using EntraMesh.Dispatch.Storage;
using EntraMesh.Hosting.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Sending;

/// <summary>
/// Records Entra's answer to a call, together with the events it causes, in one transaction each: submitted
/// operations and <see cref="ProvisioningSubmitted"/>; a refused operation and <see cref="ProvisioningRejected"/>;
/// operations back in line after 429/5xx/timeouts/401/403 with the tenant's or target's pause.
/// </summary>
public sealed class CallRecorder(
    Outbox outbox, CallLedger ledger, DispatchMetrics metrics, DispatchStatus status, IOptions<DispatchOptions> options, TimeProvider time)
{
    public async Task AcceptedAsync(ClaimedBatch batch, BulkUploadResult result, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var now = await CompleteCallAsync(tx, batch, CallOutcomes.Accepted, result, cancellationToken, lockTenant: false);

        var ids = batch.Operations.Select(o => o.ChangeId).ToArray();
        var accepted = new HashSet<Guid>();
        await using (var update = tx.Command(
            """
            UPDATE operation SET status = 'submitted', finished_at = @now, lease_until = NULL, first_failed_at = NULL, last_error = NULL
            WHERE change_id = ANY(@ids) AND call_id = @call AND status IN ('in_flight', 'pending')
            RETURNING change_id
            """))
        {
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("ids", ids);
            update.Parameters.AddWithValue("call", batch.CallId);
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) accepted.Add(reader.GetGuid(0));
        }

        await using (var reset = tx.Command(
            """
            UPDATE target_state SET consecutive_failures = 0, paused_until = NULL, stopped_reason = NULL, stopped_at = NULL, probe_call_id = NULL
            WHERE target = @target AND (consecutive_failures > 0 OR stopped_reason IS NOT NULL OR paused_until IS NOT NULL)
            """))
        {
            reset.Parameters.AddWithValue("target", batch.Target.Name);
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var day = await ledger.ReadAsync(tx.Connection, tx.Transaction, batch.Target, cancellationToken);
        var remaining = Math.Max(0, batch.Target.Limits.DailyBudget - day.CallsInLastDay);
        var operations = batch.Operations.Where(o => accepted.Contains(o.ChangeId)).ToList();
        if (operations.Count > 0)
        {
            tx.Publish(new ProvisioningSubmitted
            {
                SubmissionId = batch.CallId,
                Target = batch.Target.Name,
                JobId = batch.Target.JobId,
                RequestId = result.RequestId,
                SubmittedAt = now,
                Operations = operations.Select(o => new SubmittedOperation
                {
                    ChangeId = o.ChangeId,
                    RecordId = o.RecordId,
                    SourceId = o.SourceId,
                    WorkerId = o.WorkerId,
                    Revision = o.Revision,
                    BulkId = o.BulkId,
                    ExternalId = o.ExternalId,
                    ChangeKind = o.Kind,
                }).ToList(),
                DailyCallsRemaining = remaining,
                DailyCallsLimit = batch.Target.Limits.DailyBudget,
            });
        }

        await tx.CommitAsync(cancellationToken);
        status.SetDailyBudget(batch.Target.Name, remaining, batch.Target.Limits.DailyBudget);
        status.SetStopped(batch.Target.Name, null, time.GetUtcNow());
        foreach (var operation in operations) metrics.Submitted(batch.Target.Name, operation.PlannedAt, now);
    }

    /// <summary>A batch refused as a whole (400): the call is recorded; its operations stay in flight for the halves.</summary>
    public async Task SplitAsync(ClaimedBatch batch, BulkUploadResult result, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        await CompleteCallAsync(tx, batch, CallOutcomes.BadRequest, result, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>A single operation refused (400): it is rejected for good, visibly.</summary>
    public async Task RejectedAsync(ClaimedBatch batch, BulkUploadResult result, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var now = await CompleteCallAsync(tx, batch, CallOutcomes.BadRequest, result, cancellationToken);
        await using (var update = tx.Command(
            """
            UPDATE operation SET status = 'rejected', finished_at = @now, lease_until = NULL, last_error = @error
            WHERE change_id = ANY(@ids) AND call_id = @call AND status = 'in_flight'
            RETURNING change_id
            """))
        {
            update.Parameters.AddWithValue("now", now);
            update.Parameters.AddWithValue("ids", batch.Operations.Select(o => o.ChangeId).ToArray());
            update.Parameters.AddWithValue("call", batch.CallId);
            update.Parameters.AddWithValue("error", result.Describe());
            var rejected = new HashSet<Guid>();
            await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) rejected.Add(reader.GetGuid(0));
            }

            var operations = batch.Operations.Where(o => rejected.Contains(o.ChangeId))
                .Select(o => new ReturnedOperation(o.ChangeId, o.RecordId, o.SourceId, o.WorkerId, o.Revision, o.Kind, batch.CallId)).ToList();
            PublishRejected(tx, batch.Target.Name, batch.CallId, now, operations, result.StatusCode, result.ErrorCode ?? "InvalidDataFormat", result.Describe());
            metrics.Rejected(batch.Target.Name, "bad_request", operations.Count);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The call did not go through: operations go back in line. A 429 pauses the tenant until <paramref name="pauseUntil"/>;
    /// a 5xx/timeout backs the target off; a stop (403) keeps the target stopped until it is probed again.
    /// </summary>
    public async Task ReturnedAsync(ClaimedBatch batch, BulkUploadResult result, FailureAction action, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var outcome = action switch
        {
            FailureAction.Throttled => CallOutcomes.Throttled,
            FailureAction.RefreshToken => CallOutcomes.Unauthorized,
            FailureAction.StopTarget => CallOutcomes.Forbidden,
            _ => result.StatusCode == 0 && result.Error == Abandoned ? CallOutcomes.Abandoned : CallOutcomes.Failed,
        };
        var now = await CompleteCallAsync(tx, batch, outcome, result, cancellationToken);

        switch (action)
        {
            case FailureAction.Throttled:
                var wait = result.RetryAfter is { } retryAfter && retryAfter <= settings.RetryMaxDelay
                    ? retryAfter
                    : Backoff.Delay(1, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared);
                await ExecuteAsync(tx, cancellationToken, "UPDATE tenant_budget SET blocked_until = GREATEST(COALESCE(blocked_until, @until), @until) WHERE tenant_key = @key",
                    ("until", now + wait), ("key", batch.Target.TenantKey));
                break;
            case FailureAction.Transient when outcome == CallOutcomes.Failed:
                var failures = await IncrementFailuresAsync(tx, batch.Target.Name, cancellationToken);
                await ExecuteAsync(tx, cancellationToken, "UPDATE target_state SET paused_until = @until WHERE target = @target",
                    ("until", now + Backoff.Delay(failures, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared)), ("target", batch.Target.Name));
                break;
            case FailureAction.StopTarget:
                await ExecuteAsync(tx, cancellationToken,
                    "UPDATE target_state SET stopped_reason = @reason, stopped_at = COALESCE(stopped_at, @now), paused_until = @until WHERE target = @target",
                    ("reason", FailurePolicy.StopReason(result)), ("now", now), ("until", now + settings.StoppedRetryInterval), ("target", batch.Target.Name));
                break;
        }

        var givenUp = await PendingReturn.ReturnAsync(tx, new PendingReturn.Request(
            batch.Target.Name, batch.Operations.Select(o => o.ChangeId).ToList(), batch.CallId,
            CountsAsFailure: action == FailureAction.Transient && outcome == CallOutcomes.Failed,
            result.Describe(), now, settings.GiveUpAfter), cancellationToken);
        if (givenUp.Count > 0)
        {
            PublishRejected(tx, batch.Target.Name, batch.CallId, now, givenUp, result.StatusCode, "RetriesExhausted",
                $"still failing after {settings.GiveUpAfter}: {result.Describe()}");
            metrics.Rejected(batch.Target.Name, "retries_exhausted", givenUp.Count);
        }

        await tx.CommitAsync(cancellationToken);
        if (action == FailureAction.StopTarget) status.SetStopped(batch.Target.Name, FailurePolicy.StopReason(result), time.GetUtcNow());
    }

    /// <summary>Operations of a finished call that go back in line without counting as a failure (a split half that cannot go soon).</summary>
    public async Task ReleaseAsync(ClaimedBatch batch, IReadOnlyList<ClaimedOperation> operations, string reason, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var now = await Database.ClockAsync(tx.Connection, tx.Transaction, cancellationToken);
        await PendingReturn.ReturnAsync(tx, new PendingReturn.Request(
            batch.Target.Name, operations.Select(o => o.ChangeId).ToList(), batch.CallId, CountsAsFailure: false, reason, now,
            options.Value.GiveUpAfter), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The error text of a call given up because this replica stopped mid-call.</summary>
    public const string Abandoned = "abandoned: dispatch stopped during the call";

    /// <summary>Puts operations whose lease ran out (their replica died mid-call) back in line.</summary>
    public async Task<int> RecoverExpiredLeasesAsync(DispatchTarget target, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var now = await Database.ClockAsync(tx.Connection, tx.Transaction, cancellationToken);
        var expired = new List<Guid>();
        await using (var select = tx.Command(
            "SELECT change_id FROM operation WHERE target = @target AND status = 'in_flight' AND lease_until < @now LIMIT 1000"))
        {
            select.Parameters.AddWithValue("target", target.Name);
            select.Parameters.AddWithValue("now", now);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) expired.Add(reader.GetGuid(0));
        }

        if (expired.Count == 0) return 0;
        await PendingReturn.ReturnAsync(tx, new PendingReturn.Request(
            target.Name, expired, CallId: null, CountsAsFailure: false, "the call's lease ran out (its replica stopped mid-call); sending again",
            now, options.Value.GiveUpAfter), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return expired.Count;
    }

    /// <remarks>
    /// With <paramref name="lockTenant"/> the tenant's budget row is locked first, the lock order of a reservation (tenant,
    /// then target), because the answer goes on to change the tenant's row (a 429's pause) or may: recording and
    /// reserving never deadlock. An accepted call's record needs no such lock, and taking it would queue the record behind
    /// every reservation of the tenant: it writes only rows no reservation waits for (the call, its own operations in
    /// flight) and the target's row only when the target was recovering; a reservation that reads the ledger meanwhile
    /// counts the call until its timeout instead of until its answer, which is the safe side.
    /// </remarks>
    async Task<DateTimeOffset> CompleteCallAsync(
        OutboxTransaction tx, ClaimedBatch batch, string outcome, BulkUploadResult result, CancellationToken cancellationToken, bool lockTenant = true)
    {
        // The answer is in hand now, so the call reached Entra before this instant: read it before waiting for any lock,
        // since the rate window counts the call until then.
        var now = await Database.ClockAsync(tx.Connection, tx.Transaction, cancellationToken);
        if (lockTenant)
        {
            await ExecuteAsync(tx, cancellationToken, "SELECT 1 FROM tenant_budget WHERE tenant_key = @tenant FOR UPDATE", ("tenant", batch.Target.TenantKey));
        }

        // This call's answer is in: if it was the target's probe, the others need not wait for it any longer
        // (an answer that pauses the target sets its own pause below).
        await ExecuteAsync(tx, cancellationToken,
            "UPDATE target_state SET probe_call_id = NULL, paused_until = NULL WHERE target = @target AND probe_call_id = @call",
            ("target", batch.Target.Name), ("call", batch.CallId));
        await ExecuteAsync(tx, cancellationToken,
            "UPDATE call SET completed_at = @now, outcome = @outcome, http_status = @status, request_id = @request, error = @error WHERE call_id = @call",
            ("now", now), ("outcome", outcome), ("status", result.StatusCode), ("request", (object?)result.RequestId ?? DBNull.Value),
            ("error", result.Accepted ? DBNull.Value : result.Describe()), ("call", batch.CallId));
        if (outcome is CallOutcomes.BadRequest or CallOutcomes.Throttled or CallOutcomes.Unauthorized or CallOutcomes.Forbidden)
        {
            // Entra refused the call: none of its operations will show in the provisioning logs, so polls need not wait for them.
            await ExecuteAsync(tx, cancellationToken, "UPDATE call_operation SET observed_at = @now WHERE call_id = @call AND observed_at IS NULL",
                ("now", now), ("call", batch.CallId));
        }

        metrics.CallMade(batch.Target.Name, outcome, batch.Operations.Count);
        return now;
    }

    static async Task<int> IncrementFailuresAsync(OutboxTransaction tx, string target, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("UPDATE target_state SET consecutive_failures = consecutive_failures + 1 WHERE target = @target RETURNING consecutive_failures");
        command.Parameters.AddWithValue("target", target);
        return (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 1);
    }

    static async Task ExecuteAsync(OutboxTransaction tx, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = tx.Command(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static void PublishRejected(
        OutboxTransaction tx, string target, Guid callId, DateTimeOffset now, IReadOnlyList<ReturnedOperation> operations,
        int statusCode, string errorCode, string error)
    {
        if (operations.Count == 0) return;
        tx.Publish(new ProvisioningRejected
        {
            SubmissionId = callId,
            Target = target,
            RejectedAt = now,
            Operations = operations.Select(o => new RejectedOperation
            {
                ChangeId = o.ChangeId,
                RecordId = o.RecordId,
                SourceId = o.SourceId,
                WorkerId = o.WorkerId,
                Revision = o.Revision,
                BulkId = o.ChangeId.ToString("D"),
                ChangeKind = o.Kind,
                StatusCode = statusCode,
                ErrorCode = errorCode,
                Error = error,
            }).ToList(),
        });
    }
}
