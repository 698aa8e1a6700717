using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class ProvisioningRejectedConsumer(Projector projector) : ProjectionConsumer<ProvisioningRejected>(projector)
{
    protected override Translation Translate(ProvisioningRejected message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
