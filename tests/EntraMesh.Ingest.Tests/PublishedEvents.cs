using System.Collections.Concurrent;
using System.Text.Json;
using EntraMesh.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.Ingest.Tests;

/// <summary>
/// A queue bound to the exchange of <see cref="WorkerRecordAccepted"/> in the test's virtual host: what mapping would
/// receive. It records every message (with its MassTransit message id), or only counts them.
/// </summary>
public sealed class PublishedEvents : IAsyncDisposable
{
    public const string Exchange = "entramesh.worker-record-accepted";

    readonly IConnection connection;
    readonly IChannel channel;
    readonly bool keep;
    long count;

    PublishedEvents(IConnection connection, IChannel channel, bool keep)
    {
        this.connection = connection;
        this.channel = channel;
        this.keep = keep;
    }

    public ConcurrentQueue<(Guid MessageId, WorkerRecordAccepted Message)> Messages { get; } = new();

    public long Count => Interlocked.Read(ref count);

    public IReadOnlyList<WorkerRecordAccepted> For(string workerId) =>
        Messages.Select(m => m.Message).Where(m => m.WorkerId == workerId).OrderBy(m => m.Revision).ToList();

    public static async Task<PublishedEvents> StartAsync(Uri rabbitMq, bool keep = true)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("test-collector-" + Guid.NewGuid().ToString("N"), durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, Exchange, "");
        var events = new PublishedEvents(connection, channel, keep);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            Interlocked.Increment(ref events.count);
            if (events.keep)
            {
                using var document = JsonDocument.Parse(delivery.Body);
                var messageId = document.RootElement.GetProperty("messageId").GetGuid();
                var message = document.RootElement.GetProperty("message").Deserialize<WorkerRecordAccepted>(JsonSerializerOptions.Web)!;
                events.Messages.Enqueue((messageId, message));
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
