using MassTransit;

namespace EntraMesh.Hosting.Messaging;

public static class BatchConsumption
{
    /// <summary>
    /// Consumes in batches of <paramref name="size"/> (or what arrived within <paramref name="timeLimit"/>),
    /// <paramref name="concurrency"/> batches at a time, with enough messages in flight to fill every concurrent batch.
    /// </summary>
    public static void ConsumeInBatches<TConsumer>(
        this IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer, int size, TimeSpan timeLimit, int concurrency,
        MessagingOptions messaging)
        where TConsumer : class
    {
        consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(size).SetTimeLimit(timeLimit).SetConcurrencyLimit(concurrency));
        var inFlight = Math.Max(size * concurrency, messaging.PrefetchCount);
        endpoint.PrefetchCount = inFlight;
        endpoint.ConcurrentMessageLimit = inFlight;
    }
}
