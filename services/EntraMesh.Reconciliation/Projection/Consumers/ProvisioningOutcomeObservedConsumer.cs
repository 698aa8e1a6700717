using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class ProvisioningOutcomeObservedConsumer(Projector projector) : BatchedProjectionConsumer<ProvisioningOutcomeObserved>(projector)
{
    protected override Translation Translate(ProvisioningOutcomeObserved message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
