using EntraMesh.Contracts;
using MassTransit;

namespace EntraMesh.Hosting.Messaging;

public static class BatchConsumption
{
    /// <summary>
    /// Consumes <typeparamref name="TMessage"/> in batches of <paramref name="size"/> messages (or what arrived within
    /// <paramref name="timeLimit"/>), <paramref name="concurrency"/> batches at a time, with enough messages in flight to fill
    /// every concurrent batch. <see cref="EventBatch{T}"/> messages, already a batch each, are consumed
    /// <paramref name="concurrency"/> at a time as well.
    /// </summary>
    public static void ConsumeInBatches<TConsumer, TMessage>(
        this IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer, int size, TimeSpan timeLimit, int concurrency,
        MessagingOptions messaging)
        where TConsumer : class, IConsumer<Batch<TMessage>>, IConsumer<EventBatch<TMessage>>
        where TMessage : class
    {
        consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(size).SetTimeLimit(timeLimit).SetConcurrencyLimit(concurrency));
        consumer.LimitEventBatches<TConsumer, TMessage>(concurrency);
        var inFlight = Math.Max(size * concurrency, messaging.PrefetchCount);
        endpoint.PrefetchCount = inFlight;
        endpoint.ConcurrentMessageLimit = inFlight;
    }

    /// <summary>At most <paramref name="concurrency"/> <see cref="EventBatch{T}"/> messages consumed at once (each is a batch already).</summary>
    public static void LimitEventBatches<TConsumer, TMessage>(this IConsumerConfigurator<TConsumer> consumer, int concurrency)
        where TConsumer : class, IConsumer<EventBatch<TMessage>>
        where TMessage : class =>
        consumer.Message<EventBatch<TMessage>>(batches => batches.UseConcurrentMessageLimit(concurrency));
}
