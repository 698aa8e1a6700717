using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using EntraMesh.Testing;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.Mapping.Tests.Support;

/// <summary>
/// The test's view of the bus, in the test's virtual host: publishes <see cref="WorkerRecordAccepted"/> and
/// <see cref="ReplayWorkerRequested"/> as MassTransit envelopes with a chosen message id (as ingest's and reconciliation's
/// outboxes do, so a redelivery can be staged), and records every <see cref="IdentityChangePlanned"/> and
/// <see cref="IdentityChangeSkipped"/> mapping publishes - what dispatch and reconciliation would receive - whether alone
/// or in an <see cref="EventBatch{T}"/>.
/// </summary>
public sealed class MappingBus : IAsyncDisposable
{
    const string PlannedExchange = "entramesh.identity-change-planned";
    const string SkippedExchange = "entramesh.identity-change-skipped";

    readonly IConnection connection;
    readonly IChannel consumer;
    readonly IChannel publisher;

    MappingBus(IConnection connection, IChannel consumer, IChannel publisher)
    {
        this.connection = connection;
        this.consumer = consumer;
        this.publisher = publisher;
    }

    public ConcurrentQueue<IdentityChangePlanned> Planned { get; } = new();

    public ConcurrentQueue<IdentityChangeSkipped> Skipped { get; } = new();

    public IReadOnlyList<IdentityChangePlanned> PlannedFor(string workerId) => Planned.Where(e => e.WorkerId == workerId).ToList();

    public IReadOnlyList<IdentityChangeSkipped> SkippedFor(string workerId) => Skipped.Where(e => e.WorkerId == workerId).ToList();

    /// <summary>Planned and skipped events of the worker, in arrival order within each kind.</summary>
    public int CountFor(string workerId) => PlannedFor(workerId).Count + SkippedFor(workerId).Count;

    public static async Task<MappingBus> StartAsync(Uri rabbitMq)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        var consumer = await connection.CreateChannelAsync();
        var publisher = await connection.CreateChannelAsync();
        var bus = new MappingBus(connection, consumer, publisher);
        var queue = await consumer.QueueDeclareAsync("test-events-" + Guid.NewGuid().ToString("N"), durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in new[] { PlannedExchange, SkippedExchange, PlannedExchange + ".batch", SkippedExchange + ".batch" })
        {
            await consumer.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await consumer.QueueBindAsync(queue.QueueName, exchange, "");
        }

        var receiver = new AsyncEventingBasicConsumer(consumer);
        receiver.ReceivedAsync += (_, delivery) =>
        {
            var envelope = JsonNode.Parse(delivery.Body.Span)!;
            var types = envelope["messageType"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            var message = envelope["message"]!;
            if (types.Contains(MessageUrn.ForTypeString<IdentityChangePlanned>())) bus.Planned.Enqueue(message.Deserialize<IdentityChangePlanned>(JsonSerializerOptions.Web)!);
            else if (types.Contains(MessageUrn.ForTypeString<IdentityChangeSkipped>())) bus.Skipped.Enqueue(message.Deserialize<IdentityChangeSkipped>(JsonSerializerOptions.Web)!);
            else if (types.Contains(MessageUrn.ForTypeString<EventBatch<IdentityChangePlanned>>())) bus.Record(bus.Planned, message);
            else if (types.Contains(MessageUrn.ForTypeString<EventBatch<IdentityChangeSkipped>>())) bus.Record(bus.Skipped, message);
            return Task.CompletedTask;
        };
        await consumer.BasicConsumeAsync(queue.QueueName, autoAck: true, receiver);
        return bus;
    }

    int batches;

    /// <summary>Messages that arrived as an <see cref="EventBatch{T}"/>.</summary>
    public int Batches => Volatile.Read(ref batches);

    void Record<T>(ConcurrentQueue<T> queue, JsonNode batch)
        where T : class
    {
        Interlocked.Increment(ref batches);
        foreach (var batched in batch.Deserialize<EventBatch<T>>(JsonSerializerOptions.Web)!.Events) queue.Enqueue(batched.Message);
    }

    /// <summary>Publishes records as one <see cref="EventBatch{T}"/>, as ingest's outbox does for records stored together.</summary>
    public Task<Guid> PublishBatchAsync(IReadOnlyList<BatchedEvent<WorkerRecordAccepted>> events) =>
        PublishAsync(
            "entramesh.worker-record-accepted.batch", MessageUrn.ForTypeString<EventBatch<WorkerRecordAccepted>>(), new EventBatch<WorkerRecordAccepted> { Events = events }, null);

    public Task<Guid> PublishAsync(WorkerRecordAccepted message, Guid? messageId = null) =>
        PublishAsync("entramesh.worker-record-accepted", MessageUrn.ForTypeString<WorkerRecordAccepted>(), message, messageId);

    public Task<Guid> PublishAsync(ReplayWorkerRequested message, Guid? messageId = null) =>
        PublishAsync("entramesh.replay-worker-requested", MessageUrn.ForTypeString<ReplayWorkerRequested>(), message, messageId);

    async Task<Guid> PublishAsync<T>(string exchange, string messageType, T message, Guid? messageId)
    {
        var id = messageId ?? Guid.NewGuid();
        var envelope = new JsonObject
        {
            ["messageId"] = id.ToString(),
            ["conversationId"] = Guid.NewGuid().ToString(),
            ["messageType"] = new JsonArray(messageType),
            ["message"] = JsonSerializer.SerializeToNode(message, JsonSerializerOptions.Web),
            ["sentTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["headers"] = new JsonObject(),
        };
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = id.ToString(), Persistent = true };
        await publisher.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        return id;
    }

    /// <summary>Waits until the worker has at least <paramref name="count"/> planned and skipped events.</summary>
    public Task WaitForAsync(string workerId, int count, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(() => Task.FromResult(CountFor(workerId)), n => n >= count, timeout ?? TimeSpan.FromSeconds(30),
            $"{count} planned or skipped events for worker {workerId}");

    public async ValueTask DisposeAsync()
    {
        await consumer.DisposeAsync();
        await publisher.DisposeAsync();
        await connection.DisposeAsync();
    }
}
