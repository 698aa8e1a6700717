using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Observability;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Hosting.Outbox;
using MassTransit;
using Npgsql;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// Commits planned changes to their targets' pending lines before the messages are acknowledged, a batch per
/// transaction: the inbox claims (a redelivery is a no-op), the pending rows (coalesced with each worker's waiting change)
/// and <see cref="IdentityChangeQueued"/> go into one transaction. A change for a target dispatch does not know, or without
/// an externalId, cannot ever be sent: it is rejected visibly (<see cref="ProvisioningRejected"/>) instead of being dropped
/// or retried forever. A failed batch is stored change by change (<see cref="BatchFallback"/>): one PostgreSQL refuses to
/// store (a data error) is rejected visibly (<c>Unstorable</c>).
/// </summary>
public sealed partial class PlannedChangeConsumer(
    Outbox outbox,
    PendingStore store,
    TargetCatalog targets,
    PendingSignals signals,
    DispatchMetrics metrics,
    TimeProvider time,
    ILogger<PlannedChangeConsumer> logger) : BatchStoringConsumer<IdentityChangePlanned>(logger)
{
    protected override string Describe(IdentityChangePlanned change) => $"Worker {change.WorkerId} revision {change.Revision} for {change.Target}";

    protected override async Task StoreAsync(IReadOnlyList<ReceivedEvent<IdentityChangePlanned>> changes, string consumer, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        var fresh = await tx.TryClaimMessagesAsync(changes, consumer, cancellationToken);
        var rejected = new List<(string Target, string Reason)>();
        var plans = new List<(IdentityChangePlanned Message, PlannedOperation Operation)>(fresh.Count);
        foreach (var message in fresh.Select(change => change.Message))
        {
            if (!targets.TryGet(message.Target, out var target))
            {
                LogUnknownTarget(Logger, message.WorkerId, message.Revision, message.Target);
                Reject(tx, message, message.Target, "UnknownTarget",
                    $"no dispatch target is named '{message.Target}' (configure Dispatch:Targets:<i>:Name)");
                rejected.Add((message.Target, "unknown_target"));
            }
            else if (PlannedOperation.From(message, target.Name, out var error) is { } operation)
            {
                plans.Add((message, operation));
            }
            else
            {
                LogInvalid(Logger, message.WorkerId, message.Revision, error!);
                Reject(tx, message, target.Name, "InvalidOperation", error!);
                rejected.Add((target.Name, "invalid_operation"));
            }
        }

        var outcomes = await store.EnqueueAsync(tx, plans.Select(plan => plan.Operation).ToList(), cancellationToken);
        for (var i = 0; i < plans.Count; i++)
        {
            if (outcomes[i] is not EnqueueOutcome.Queued queued) continue;
            var (message, operation) = plans[i];
            tx.Publish(new IdentityChangeQueued
            {
                ChangeId = message.ChangeId,
                RecordId = message.RecordId,
                SourceId = message.SourceId,
                WorkerId = message.WorkerId,
                Revision = message.Revision,
                Target = operation.Target,
                ChangeKind = message.ChangeKind,
                QueuedAt = queued.QueuedAt,
                SupersededRevision = queued.SupersededRevision,
            });
        }

        await tx.CommitAsync(cancellationToken);

        foreach (var (target, reason) in rejected) metrics.Rejected(target, reason, 1);
        for (var i = 0; i < plans.Count; i++)
        {
            var operation = plans[i].Operation;
            if (outcomes[i] is EnqueueOutcome.Ignored ignored)
            {
                LogIgnored(Logger, operation.WorkerId, operation.Revision, operation.Target, ignored.LatestRevision);
                metrics.Ignored(operation.Target);
            }
            else
            {
                metrics.Queued(operation.Target);
            }
        }

        foreach (var target in plans.Select(plan => plan.Operation.Target).Distinct()) signals.Arrived(target).Notify();
    }

    /// <summary>A change PostgreSQL refuses to store is rejected visibly, its message claimed so a redelivery does not try again.</summary>
    protected override async Task RefuseAsync(
        ReceivedEvent<IdentityChangePlanned> change, string consumer, string sqlState, CancellationToken cancellationToken)
    {
        var message = change.Message;
        await using var tx = await outbox.BeginAsync(cancellationToken);
        if (!await tx.TryClaimMessageAsync(change.MessageId, consumer, cancellationToken)) return;
        var target = targets.TryGet(message.Target, out var known) ? known.Name : message.Target;
        Reject(tx, message, target, "Unstorable", $"PostgreSQL refuses to store the change (SQLSTATE {sqlState})");
        await tx.CommitAsync(cancellationToken);
        metrics.Rejected(target, "unstorable", 1);
    }

    void Reject(OutboxTransaction tx, IdentityChangePlanned message, string target, string code, string error) =>
        tx.Publish(new ProvisioningRejected
        {
            SubmissionId = NewId.NextGuid(),
            Target = target,
            RejectedAt = time.GetUtcNow(),
            Operations =
            [
                new RejectedOperation
                {
                    ChangeId = message.ChangeId,
                    RecordId = message.RecordId,
                    SourceId = message.SourceId,
                    WorkerId = message.WorkerId,
                    Revision = message.Revision,
                    BulkId = message.ChangeId.ToString("D"),
                    ChangeKind = message.ChangeKind,
                    StatusCode = 0,
                    ErrorCode = code,
                    Error = error,
                },
            ],
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} revision {Revision}: no target named {Target}; rejected")]
    static partial void LogUnknownTarget(ILogger logger, string workerId, long revision, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} revision {Revision} cannot be sent: {Error}; rejected")]
    static partial void LogInvalid(ILogger logger, string workerId, long revision, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} revision {Revision} for {Target} ignored: revision {Latest} is already known")]
    static partial void LogIgnored(ILogger logger, string workerId, long revision, string target, long latest);
}
