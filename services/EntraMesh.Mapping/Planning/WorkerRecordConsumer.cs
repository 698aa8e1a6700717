using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using MassTransit;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans accepted worker records, a batch per transaction (a MassTransit batch of single events, or the events of one
/// <see cref="EventBatch{T}"/>): the events are claimed in the inbox (a redelivery is a no-op), the workers are locked, and
/// every planned or skipped change leaves through the outbox on commit. A failed batch is planned record by record
/// (<see cref="BatchFallback"/>): a record the database refuses to store (a data error such as a NUL character, or a value
/// beyond its limits) is answered with <c>IdentityChangeSkipped</c> (<c>Invalid</c>).
/// </summary>
public sealed class WorkerRecordConsumer(WorkerPlanner planner, ILogger<WorkerRecordConsumer> logger)
    : IConsumer<Batch<WorkerRecordAccepted>>, IConsumer<EventBatch<WorkerRecordAccepted>>
{
    public Task Consume(ConsumeContext<Batch<WorkerRecordAccepted>> context) => ConsumeAsync(ReceivedEvents.Of(context), context);

    public Task Consume(ConsumeContext<EventBatch<WorkerRecordAccepted>> context) => ConsumeAsync(ReceivedEvents.Of(context), context);

    Task ConsumeAsync(IReadOnlyList<ReceivedEvent<WorkerRecordAccepted>> events, ConsumeContext context)
    {
        var consumer = ReceivedEvents.ConsumerKey(context);
        return BatchFallback.StoreAsync(
            events,
            batch => PlanAsync(batch, consumer, context.CancellationToken),
            (record, refused) => planner.RejectAsync(record, consumer, refused.SqlState, context.CancellationToken),
            record => $"Worker {record.SourceId}/{record.WorkerId} revision {record.Revision}",
            logger,
            context.CancellationToken);
    }

    Task PlanAsync(IReadOnlyList<ReceivedEvent<WorkerRecordAccepted>> events, string consumer, CancellationToken cancellationToken) =>
        planner.RunAsync(async tx =>
        {
            var fresh = await tx.TryClaimMessagesAsync(events, consumer, cancellationToken);
            return fresh.Select(e => PlanRequest.Accepted(StoredRecord.From(e.Message), e.TraceParent)).ToList();
        }, cancellationToken);
}
