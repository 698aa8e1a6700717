using EntraMesh.Contracts;
using EntraMesh.Reconciliation.Events;

namespace EntraMesh.Reconciliation.Projection.Consumers;

public sealed class IdentityChangeSkippedConsumer(Projector projector) : BatchedProjectionConsumer<IdentityChangeSkipped>(projector)
{
    protected override Translation Translate(IdentityChangeSkipped message, Guid? messageId, string? traceId) =>
        EventTranslator.From(message, messageId, traceId);
}
