using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class IdentityChangeQueuedConsumer(ProjectionWriter writer) : BatchedProjectionConsumer<IdentityChangeQueued>(writer)
{
    protected override Translation Translate(IdentityChangeQueued message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
