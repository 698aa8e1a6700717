using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class IdentityChangePlannedConsumer(ProjectionWriter writer) : BatchedProjectionConsumer<IdentityChangePlanned>(writer)
{
    protected override Translation Translate(IdentityChangePlanned message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
