using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.Benchmarking;

/// <summary>
/// A temporary queue bound to the fanout exchanges of some events (as a consuming service's queue would be), and to the
/// exchanges of their event batches (<c>.batch</c>), counting the events that arrive: how a benchmark sees that a service
/// published an event through its outbox.
/// </summary>
public sealed class ExchangeCounter : IAsyncDisposable
{
    readonly IConnection connection;
    readonly IChannel channel;
    long count;

    ExchangeCounter(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>Events received so far (an event batch counts its events).</summary>
    public long Count => Interlocked.Read(ref count);

    /// <param name="rabbitMq">The virtual host's AMQP address.</param>
    /// <param name="exchanges">MassTransit's exchange names, e.g. <c>entramesh.worker-record-accepted</c>.</param>
    public static async Task<ExchangeCounter> StartAsync(Uri rabbitMq, params string[] exchanges)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var counter = new ExchangeCounter(connection, channel);
        var queue = await channel.QueueDeclareAsync($"bench-counter-{Guid.NewGuid():N}", durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in exchanges.SelectMany(name => new[] { name, name + BatchSuffix }))
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue.QueueName, exchange, "");
        }

        await channel.BasicQosAsync(0, 2000, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            Interlocked.Add(ref counter.count, EventsIn(delivery));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return counter;
    }

    /// <summary>The exchange of an event's batches is the event's own with this suffix.</summary>
    public const string BatchSuffix = ".batch";

    /// <summary>How many events a delivery carries: one, or those of an event batch.</summary>
    public static int EventsIn(BasicDeliverEventArgs delivery)
    {
        if (!delivery.Exchange.EndsWith(BatchSuffix, StringComparison.Ordinal)) return 1;
        using var document = JsonDocument.Parse(delivery.Body);
        return document.RootElement.GetProperty("message").GetProperty("events").GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
