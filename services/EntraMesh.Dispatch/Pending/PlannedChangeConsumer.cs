using EntraMesh.Contracts;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Observability;
using EntraMesh.Hosting.Outbox;
using MassTransit;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// Commits a planned change to the target's pending line before the message is acknowledged: the inbox claim, the
/// pending row (coalesced with the worker's waiting change) and <see cref="IdentityChangeQueued"/> go into one
/// transaction. A change for a target dispatch does not know, or without an externalId, cannot ever be sent: it is
/// rejected visibly (<see cref="ProvisioningRejected"/>) instead of being dropped or retried forever.
/// </summary>
public sealed partial class PlannedChangeConsumer(
    Outbox outbox,
    PendingStore store,
    TargetCatalog targets,
    PendingSignals signals,
    DispatchMetrics metrics,
    TimeProvider time,
    ILogger<PlannedChangeConsumer> logger) : IConsumer<IdentityChangePlanned>
{
    public async Task Consume(ConsumeContext<IdentityChangePlanned> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var tx = await outbox.BeginAsync(cancellationToken);
        if (!await tx.TryClaimMessageAsync(context)) return;

        if (!targets.TryGet(message.Target, out var target))
        {
            LogUnknownTarget(logger, message.WorkerId, message.Revision, message.Target);
            Reject(tx, message, message.Target, "UnknownTarget",
                $"no dispatch target is named '{message.Target}' (configure Dispatch:Targets:<i>:Name)");
            await tx.CommitAsync(cancellationToken);
            metrics.Rejected(message.Target, "unknown_target", 1);
            return;
        }

        var operation = PlannedOperation.From(message, target.Name, out var error);
        if (operation is null)
        {
            LogInvalid(logger, message.WorkerId, message.Revision, error!);
            Reject(tx, message, target.Name, "InvalidOperation", error!);
            await tx.CommitAsync(cancellationToken);
            metrics.Rejected(target.Name, "invalid_operation", 1);
            return;
        }

        var outcome = await store.EnqueueAsync(tx, operation, cancellationToken);
        if (outcome is EnqueueOutcome.Queued queued)
        {
            tx.Publish(new IdentityChangeQueued
            {
                ChangeId = message.ChangeId,
                RecordId = message.RecordId,
                SourceId = message.SourceId,
                WorkerId = message.WorkerId,
                Revision = message.Revision,
                Target = target.Name,
                ChangeKind = message.ChangeKind,
                QueuedAt = queued.QueuedAt,
                SupersededRevision = queued.SupersededRevision,
            });
        }

        await tx.CommitAsync(cancellationToken);

        if (outcome is EnqueueOutcome.Ignored ignored)
        {
            LogIgnored(logger, message.WorkerId, message.Revision, target.Name, ignored.LatestRevision);
            metrics.Ignored(target.Name);
            return;
        }

        metrics.Queued(target.Name);
        signals.Arrived(target.Name).Notify();
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
