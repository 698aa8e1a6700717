using EntraMesh.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Hosting.Messaging;

/// <summary>
/// Stores events a batch per transaction, whether they arrive as a MassTransit batch of single messages or as one
/// <see cref="EventBatch{T}"/>, falling back to one by one as <see cref="BatchFallback"/> describes. Configure it with
/// <see cref="BatchConsumption.ConsumeInBatches{TConsumer, TMessage}"/>.
/// </summary>
public abstract class BatchStoringConsumer<T>(ILogger logger) : IConsumer<Batch<T>>, IConsumer<EventBatch<T>>
    where T : class
{
    protected ILogger Logger => logger;

    public Task Consume(ConsumeContext<Batch<T>> context) => ConsumeAsync(ReceivedEvents.Of(context), context);

    public Task Consume(ConsumeContext<EventBatch<T>> context) => ConsumeAsync(ReceivedEvents.Of(context), context);

    /// <summary>Stores <paramref name="events"/> in one transaction, claiming each in the inbox for <paramref name="consumer"/>.</summary>
    protected abstract Task StoreAsync(IReadOnlyList<ReceivedEvent<T>> events, string consumer, CancellationToken cancellationToken);

    /// <summary>Answers, visibly and in a transaction of its own, an event PostgreSQL refuses to store.</summary>
    protected abstract Task RefuseAsync(ReceivedEvent<T> refused, string consumer, string sqlState, CancellationToken cancellationToken);

    /// <summary>Names an event in the logs (worker id and revision: never HR values).</summary>
    protected abstract string Describe(T message);

    Task ConsumeAsync(IReadOnlyList<ReceivedEvent<T>> events, ConsumeContext context)
    {
        var consumer = ReceivedEvents.ConsumerKey(context);
        var cancellationToken = context.CancellationToken;
        return BatchFallback.StoreAsync(
            events,
            batch => StoreAsync(batch, consumer, cancellationToken),
            (refused, error) => RefuseAsync(refused, consumer, error.SqlState, cancellationToken),
            Describe,
            logger,
            cancellationToken);
    }
}
