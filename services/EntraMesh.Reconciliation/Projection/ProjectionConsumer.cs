using EntraMesh.Reconciliation.Events;
using MassTransit;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Consumes one event type in batches (see <see cref="ProjectionConsumerDefinition{TConsumer}"/>) and hands each
/// batch to the <see cref="Projector"/>: one transaction, one inbox claim and one write per batch instead of per
/// message. A batch that fails is retried message by message through the shared retry policy and, in the end, lands
/// in the queue's <c>_error</c> queue.
/// </summary>
public abstract class ProjectionConsumer<TMessage>(Projector projector) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    public Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var messages = new List<IncomingMessage>(context.Message.Length);
        foreach (var message in context.Message)
        {
            var traceId = TraceIds.Of(message);
            messages.Add(new IncomingMessage(
                message.MessageId, typeof(TMessage).Name, Translate(message.Message, message.MessageId, traceId), traceId, Budget(message.Message)));
        }

        return projector.ApplyAsync(messages, InboxClaims.ConsumerKey(context.Message[0]), context.CancellationToken);
    }

    protected abstract Translation Translate(TMessage message, Guid? messageId, string? traceId);

    protected virtual BudgetReport? Budget(TMessage message) => null;
}
