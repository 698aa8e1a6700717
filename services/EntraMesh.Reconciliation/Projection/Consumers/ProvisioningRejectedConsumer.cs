using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class ProvisioningRejectedConsumer(ProjectionWriter writer) : ProjectionConsumer<ProvisioningRejected>(writer)
{
    protected override Translation Translate(ProvisioningRejected message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
