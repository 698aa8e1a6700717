using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using MassTransit;
using RabbitMQ.Client;

namespace EntraMesh.PlanningBench;

/// <summary>Publishes WorkerRecordAccepted as MassTransit envelopes to its exchange, as ingest's outbox would.</summary>
public sealed class RecordPublisher : IAsyncDisposable
{
    const string Exchange = "entramesh.worker-record-accepted";
    static readonly string MessageType = MessageUrn.ForTypeString<WorkerRecordAccepted>();
    readonly IConnection connection;
    readonly IChannel channel;

    RecordPublisher(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<RecordPublisher> StartAsync(Uri rabbitMq)
    {
        var connection = await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        return new RecordPublisher(connection, channel);
    }

    public async Task PublishAsync(IEnumerable<WorkerRecordAccepted> records)
    {
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        foreach (var record in records)
        {
            var envelope = new JsonObject
            {
                ["messageId"] = Guid.NewGuid().ToString(),
                ["messageType"] = new JsonArray(MessageType),
                ["message"] = JsonSerializer.SerializeToNode(record, JsonSerializerOptions.Web),
                ["sentTime"] = DateTimeOffset.UtcNow.ToString("O"),
                ["headers"] = new JsonObject(),
            };
            await channel.BasicPublishAsync(Exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
