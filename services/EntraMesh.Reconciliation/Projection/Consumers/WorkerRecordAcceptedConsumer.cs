using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class WorkerRecordAcceptedConsumer(ProjectionWriter writer) : BatchedProjectionConsumer<WorkerRecordAccepted>(writer)
{
    protected override Translation Translate(WorkerRecordAccepted message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
