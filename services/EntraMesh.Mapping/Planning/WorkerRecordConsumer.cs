using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans accepted worker records, a batch per transaction (a MassTransit batch of single events, or the events of one
/// <see cref="EventBatch{T}"/>): the events are claimed in the inbox (a redelivery is a no-op), the workers are locked, and
/// every planned or skipped change leaves through the outbox on commit. A failed batch is planned record by record
/// (<see cref="BatchFallback"/>): a record the database refuses to store (a data error such as a NUL character, or a value
/// beyond its limits) is answered with <c>IdentityChangeSkipped</c> (<c>Invalid</c>).
/// </summary>
public sealed class WorkerRecordConsumer(WorkerPlanner planner, ILogger<WorkerRecordConsumer> logger)
    : BatchStoringConsumer<WorkerRecordAccepted>(logger)
{
    protected override Task StoreAsync(IReadOnlyList<ReceivedEvent<WorkerRecordAccepted>> events, string consumer, CancellationToken cancellationToken) =>
        planner.RunAsync(async tx =>
        {
            var fresh = await tx.TryClaimMessagesAsync(events, consumer, cancellationToken);
            return fresh.Select(e => PlanRequest.Accepted(StoredRecord.From(e.Message), e.TraceParent)).ToList();
        }, cancellationToken);

    protected override Task RefuseAsync(ReceivedEvent<WorkerRecordAccepted> refused, string consumer, string sqlState, CancellationToken cancellationToken) =>
        planner.RejectAsync(refused, consumer, sqlState, cancellationToken);

    protected override string Describe(WorkerRecordAccepted record) => $"Worker {record.SourceId}/{record.WorkerId} revision {record.Revision}";
}
