using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Hosting.Outbox;
using EntraMesh.Mapping.Holding;
using EntraMesh.Mapping.Rules.Hosting;
using Microsoft.Extensions.Options;
using MassTransit;
using Npgsql;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans a batch of requests (new records, a replay, held changes that came due) in one PostgreSQL transaction: takes
/// the row lock of every worker concerned, plans each request in revision order with the rule set running when the
/// batch started, publishes through the outbox and stores the new state, all committed together. A deadlock or
/// serialization failure (possible between unique-value claims of two replicas) runs the whole batch again.
/// </summary>
public sealed class WorkerPlanner(
    Outbox outbox, RunningRuleSet rules, TimeProvider time, MappingMetrics metrics, HoldSignal holdSignal,
    IOptions<HoldingOptions> holding, ILogger<WorkerPlanner> logger)
{
    const int Attempts = 3;

    /// <summary>
    /// Begins a transaction, lets <paramref name="prepare"/> claim its messages in it (inbox) and name the requests to
    /// plan, plans them and commits.
    /// </summary>
    internal async Task RunAsync(Func<OutboxTransaction, Task<IReadOnlyList<PlanRequest>>> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                PlanResult result;
                await using (var tx = await outbox.BeginAsync(cancellationToken))
                {
                    var requests = await prepare(tx);
                    result = await PlanAsync(tx, requests, cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                }

                metrics.Record(result);
                if (result.EarliestHold is { } due && due - time.GetUtcNow() < holding.Value.PollInterval) holdSignal.Notify();
                return;
            }
            catch (PostgresException conflict) when (conflict.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                                                     && attempt < Attempts)
            {
                PlanningLog.TransientConflict(logger, conflict.SqlState, attempt, Attempts);
            }
        }
    }

    /// <summary>
    /// Answers a record PostgreSQL refuses to store with <see cref="IdentityChangeSkipped"/> (<see cref="SkipReason.Invalid"/>),
    /// claiming its message so a redelivery does not try again. The detail names the SQLSTATE, never the record's values.
    /// </summary>
    internal async Task RejectAsync(ReceivedEvent<WorkerRecordAccepted> message, string consumer, string sqlState, CancellationToken cancellationToken)
    {
        await using var tx = await outbox.BeginAsync(cancellationToken);
        if (!await tx.TryClaimMessageAsync(message.MessageId, consumer, cancellationToken)) return;
        var record = message.Message;
        tx.Publish(new IdentityChangeSkipped
        {
            RecordId = record.RecordId,
            SourceId = record.SourceId,
            WorkerId = record.WorkerId,
            Revision = record.Revision,
            Reason = SkipReason.Invalid,
            Detail = $"PostgreSQL refuses to store this record (SQLSTATE {sqlState}); correct it at the source",
            SkippedAt = time.GetUtcNow(),
        });
        await tx.CommitAsync(cancellationToken);
        var result = new PlanResult();
        result.AddSkipped(SkipReason.Invalid);
        metrics.Record(result);
    }

    async Task<PlanResult> PlanAsync(OutboxTransaction tx, IReadOnlyList<PlanRequest> requests, CancellationToken cancellationToken)
    {
        var result = new PlanResult();
        if (requests.Count == 0) return result;

        var states = await WorkerStateStore.LockAsync(tx, requests.Select(r => r.Worker), cancellationToken);
        var planner = new RecordPlanner(tx, rules.Current, time, result, logger);
        foreach (var request in requests.OrderBy(r => r.Worker).ThenBy(r => r.Record?.Revision ?? 0))
        {
            using var activity = PlanningTracing.Start(request);
            await planner.PlanAsync(states[request.Worker], request, cancellationToken);
        }

        await WorkerStateStore.SaveAsync(tx, states.Values, cancellationToken);
        return result;
    }
}
