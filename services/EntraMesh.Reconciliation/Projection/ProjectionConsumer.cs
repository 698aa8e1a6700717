using EntraMesh.Contracts;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Reconciliation.Events;
using MassTransit;

namespace EntraMesh.Reconciliation.Projection;

/// <summary>
/// Consumes one event type in batches (see <see cref="ProjectionConsumerDefinition{TConsumer}"/>) and hands each
/// batch to the <see cref="ProjectionWriter"/>: one transaction, one inbox claim and one write per batch (or per several
/// batches of different queues) instead of per message. A batch that fails is retried message by message through the
/// shared retry policy and, in the end, lands in the queue's <c>_error</c> queue.
/// </summary>
public abstract class ProjectionConsumer<TMessage>(ProjectionWriter writer) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    public Task Consume(ConsumeContext<Batch<TMessage>> context) => ProjectAsync(ReceivedEvents.Of(context), context);

    protected Task ProjectAsync(IReadOnlyList<ReceivedEvent<TMessage>> events, ConsumeContext context)
    {
        var consumer = ReceivedEvents.ConsumerKey(context);
        var messages = new List<IncomingMessage>(events.Count);
        foreach (var received in events)
        {
            var traceId = received.TraceParent == default ? null : received.TraceParent.TraceId.ToHexString();
            messages.Add(new IncomingMessage(
                received.MessageId, consumer, typeof(TMessage).Name, Translate(received.Message, received.MessageId, traceId), traceId, Budget(received.Message)));
        }

        return writer.ApplyAsync(messages, context.CancellationToken);
    }

    protected abstract Translation Translate(TMessage message, Guid? messageId, string? traceId);

    protected virtual BudgetReport? Budget(TMessage message) => null;
}

/// <summary>A projection consumer of an event that also arrives as an <see cref="EventBatch{T}"/>: one transaction per such batch.</summary>
public abstract class BatchedProjectionConsumer<TMessage>(ProjectionWriter writer) : ProjectionConsumer<TMessage>(writer), IConsumer<EventBatch<TMessage>>
    where TMessage : class
{
    public Task Consume(ConsumeContext<EventBatch<TMessage>> context) => ProjectAsync(ReceivedEvents.Of(context), context);
}
