using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Mapping.Planning;
using MassTransit;

namespace EntraMesh.Mapping.Replay;

/// <summary>
/// Plans a worker again from its last accepted record, as an operator asked through reconciliation: the changes are
/// sent even when nothing differs from what was planned before. The replay's own message id is claimed in the inbox,
/// so a redelivered request replays once.
/// </summary>
public sealed class ReplayWorkerConsumer(WorkerPlanner planner) : IConsumer<ReplayWorkerRequested>
{
    public Task Consume(ConsumeContext<ReplayWorkerRequested> context) =>
        planner.RunAsync(async tx => await tx.TryClaimMessageAsync(context)
            ? [PlanRequest.Replay(new WorkerKey(context.Message.SourceId, context.Message.WorkerId), ReceivedEvents.ParentOf(context))]
            : [], context.CancellationToken);
}
