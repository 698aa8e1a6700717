using System.Collections.Concurrent;
using System.Text.Json;
using EntraMesh.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.Ingest.Tests;

/// <summary>
/// A queue bound to the exchanges of <see cref="WorkerRecordAccepted"/> (alone and in an <see cref="EventBatch{T}"/>) in the
/// test's virtual host: what mapping would receive. It records every event (with the message id the inbox would claim), or
/// only counts them.
/// </summary>
public sealed class PublishedEvents : IAsyncDisposable
{
    public const string Exchange = "entramesh.worker-record-accepted";
    public const string BatchExchange = Exchange + ".batch";

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
        var queue = await channel.QueueDeclareAsync("test-collector-" + Guid.NewGuid().ToString("N"), durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in new[] { Exchange, BatchExchange })
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue.QueueName, exchange, "");
        }

        var events = new PublishedEvents(connection, channel, keep);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var body = document.RootElement.GetProperty("message");
            if (delivery.Exchange == BatchExchange)
            {
                var batch = body.Deserialize<EventBatch<WorkerRecordAccepted>>(JsonSerializerOptions.Web)!;
                Interlocked.Add(ref events.count, batch.Events.Count);
                if (events.keep) foreach (var batched in batch.Events) events.Messages.Enqueue((batched.MessageId, batched.Message));
            }
            else
            {
                Interlocked.Increment(ref events.count);
                if (events.keep) events.Messages.Enqueue((document.RootElement.GetProperty("messageId").GetGuid(), body.Deserialize<WorkerRecordAccepted>(JsonSerializerOptions.Web)!));
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
