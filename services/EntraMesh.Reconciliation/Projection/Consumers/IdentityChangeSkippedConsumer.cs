using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class IdentityChangeSkippedConsumer(ProjectionWriter writer) : BatchedProjectionConsumer<IdentityChangeSkipped>(writer)
{
    protected override Translation Translate(IdentityChangeSkipped message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
