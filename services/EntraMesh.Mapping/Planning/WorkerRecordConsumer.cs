using EntraMesh.Contracts;
using MassTransit;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans accepted worker records, a batch per transaction: the batch's messages are claimed in the inbox (a redelivery is
/// a no-op), the workers are locked, and every planned or skipped change leaves through the outbox on commit.
/// </summary>
public sealed class WorkerRecordConsumer(WorkerPlanner planner) : IConsumer<Batch<WorkerRecordAccepted>>
{
    public Task Consume(ConsumeContext<Batch<WorkerRecordAccepted>> context) =>
        planner.RunAsync(async tx =>
        {
            var fresh = await tx.TryClaimMessagesAsync(context.Message.ToList(), context.CancellationToken);
            return fresh.Select(message => PlanRequest.Accepted(StoredRecord.From(message.Message))).ToList();
        }, context.CancellationToken);
}
