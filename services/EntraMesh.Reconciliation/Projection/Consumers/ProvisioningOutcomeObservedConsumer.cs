using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class ProvisioningOutcomeObservedConsumer(ProjectionWriter writer) : BatchedProjectionConsumer<ProvisioningOutcomeObserved>(writer)
{
    protected override Translation Translate(ProvisioningOutcomeObserved message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
