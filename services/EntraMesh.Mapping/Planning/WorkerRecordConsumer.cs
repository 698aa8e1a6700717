using EntraMesh.Contracts;
using MassTransit;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans accepted worker records, a batch per transaction: each message is claimed in the inbox (a redelivery is a
/// no-op), the workers are locked, and every planned or skipped change leaves through the outbox on commit.
/// </summary>
public sealed class WorkerRecordConsumer(WorkerPlanner planner) : IConsumer<Batch<WorkerRecordAccepted>>
{
    public Task Consume(ConsumeContext<Batch<WorkerRecordAccepted>> context) =>
        planner.RunAsync(async tx =>
        {
            var requests = new List<PlanRequest>(context.Message.Length);
            foreach (var message in context.Message)
            {
                if (await tx.TryClaimMessageAsync(message)) requests.Add(PlanRequest.Accepted(StoredRecord.From(message.Message)));
            }

            return requests;
        }, context.CancellationToken);
}
