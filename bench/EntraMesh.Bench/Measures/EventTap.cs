using EntraMesh.Benchmarking;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.Bench.Measures;

/// <summary>
/// A queue of the benchmark's own bound to one event's exchanges (alone and in batches) in the mesh's virtual host (as
/// another consumer would be), noting when each event arrived: e.g. <c>entramesh.identity-change-queued</c>, published by dispatch once
/// a change is committed to its pending store.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    readonly IConnection connection;
    readonly IChannel channel;
    readonly List<DateTimeOffset> arrivals = [];
    readonly Lock gate = new();

    EventTap(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<EventTap> StartAsync(Uri rabbitMq, string exchange, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq, ClientProvidedName = "entramesh-bench-tap" }.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var tap = new EventTap(connection, channel);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        foreach (var name in new[] { exchange, exchange + ExchangeCounter.BatchSuffix })
        {
            await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue.QueueName, name, "", cancellationToken: cancellationToken);
        }

        await channel.BasicQosAsync(0, 2000, false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var now = DateTimeOffset.UtcNow;
            var events = ExchangeCounter.EventsIn(delivery);
            lock (tap.gate) tap.arrivals.AddRange(Enumerable.Repeat(now, events));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
        return tap;
    }

    public int Count
    {
        get
        {
            lock (gate) return arrivals.Count;
        }
    }

    /// <summary>Arrival times from index <paramref name="from"/> on.</summary>
    public List<DateTimeOffset> Since(int from)
    {
        lock (gate) return arrivals.Skip(from).ToList();
    }

    /// <summary>Waits until <paramref name="count"/> messages arrived in all; false when the timeout passed first.</summary>
    public async Task<bool> WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count < count)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50, cancellationToken);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
