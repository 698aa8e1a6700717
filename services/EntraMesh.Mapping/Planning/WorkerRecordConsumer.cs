using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using MassTransit;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans accepted worker records, a batch per transaction: the batch's messages are claimed in the inbox (a redelivery is
/// a no-op), the workers are locked, and every planned or skipped change leaves through the outbox on commit. A failed
/// batch is planned record by record (<see cref="BatchFallback"/>): a record the database refuses to store (a data error
/// such as a NUL character, or a value beyond its limits) is answered with <c>IdentityChangeSkipped</c> (<c>Invalid</c>).
/// </summary>
public sealed class WorkerRecordConsumer(WorkerPlanner planner, ILogger<WorkerRecordConsumer> logger) : IConsumer<Batch<WorkerRecordAccepted>>
{
    public Task Consume(ConsumeContext<Batch<WorkerRecordAccepted>> context) =>
        BatchFallback.StoreAsync(
            context.Message.ToList(),
            messages => PlanAsync(messages, context.CancellationToken),
            (message, refused) => planner.RejectAsync(message, refused.SqlState, context.CancellationToken),
            record => $"Worker {record.SourceId}/{record.WorkerId} revision {record.Revision}",
            logger,
            context.CancellationToken);

    Task PlanAsync(IReadOnlyList<ConsumeContext<WorkerRecordAccepted>> messages, CancellationToken cancellationToken) =>
        planner.RunAsync(async tx =>
        {
            var fresh = await tx.TryClaimMessagesAsync(messages, cancellationToken);
            return fresh.Select(message => PlanRequest.Accepted(
                StoredRecord.From(message.Message), message.Headers.Get<string>(PlanningTracing.ActivityHeader))).ToList();
        }, cancellationToken);
}
