using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EntraMesh.Contracts;
using MassTransit;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.PlanningBench;

/// <summary>
/// A database and a RabbitMQ virtual host of the bench's own on eng/infra.sh's servers; a publisher of
/// WorkerRecordAccepted (as ingest's outbox would publish them) and a queue counting mapping's IdentityChangePlanned and
/// IdentityChangeSkipped (as dispatch's and reconciliation's queues would receive them).
/// </summary>
public sealed class BenchInfrastructure : IAsyncDisposable
{
    readonly string adminConnection;
    readonly HttpClient management;
    readonly string database = $"bench_{Guid.NewGuid():N}";
    readonly string virtualHost = $"bench-{Guid.NewGuid():N}";
    readonly string messageType = MessageUrn.ForTypeString<WorkerRecordAccepted>();
    IConnection? connection;
    IChannel? counter;
    IChannel? publisher;
    long outcomes;

    BenchInfrastructure(string adminConnection, Uri rabbitMq, Uri managementUri)
    {
        this.adminConnection = adminConnection;
        RabbitMqBase = rabbitMq;
        management = new HttpClient { BaseAddress = new Uri(managementUri.GetLeftPart(UriPartial.Authority) + "/api/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(managementUri.UserInfo))));
        User = Uri.UnescapeDataString(managementUri.UserInfo).Split(':')[0];
    }

    string User { get; }
    Uri RabbitMqBase { get; }

    public string PostgresConnectionString => new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
    public Uri RabbitMqUri => new UriBuilder(RabbitMqBase) { Path = "/" + virtualHost }.Uri;

    /// <summary>Planned and skipped events received so far.</summary>
    public long Outcomes => Interlocked.Read(ref outcomes);

    public static async Task<BenchInfrastructure> CreateAsync()
    {
        var infrastructure = new BenchInfrastructure(
            Environment.GetEnvironmentVariable("ENTRAMESH_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres",
            new Uri(Environment.GetEnvironmentVariable("ENTRAMESH_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/"),
            new Uri(Environment.GetEnvironmentVariable("ENTRAMESH_TEST_RABBITMQ_MANAGEMENT") ?? "http://guest:guest@127.0.0.1:15672/"));
        await using (var admin = new NpgsqlConnection(infrastructure.adminConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{infrastructure.database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        (await infrastructure.management.PutAsync($"vhosts/{infrastructure.virtualHost}", null)).EnsureSuccessStatusCode();
        (await infrastructure.management.PutAsync($"permissions/{infrastructure.virtualHost}/{infrastructure.User}",
            new StringContent("{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await infrastructure.ConnectAsync();
        return infrastructure;
    }

    async Task ConnectAsync()
    {
        connection = await new ConnectionFactory { Uri = RabbitMqUri }.CreateConnectionAsync();
        publisher = await connection.CreateChannelAsync();
        counter = await connection.CreateChannelAsync();
        var queue = await counter.QueueDeclareAsync("bench-outcomes", durable: false, exclusive: true, autoDelete: true);
        foreach (var exchange in new[] { "entramesh.identity-change-planned", "entramesh.identity-change-skipped" })
        {
            await counter.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await counter.QueueBindAsync(queue.QueueName, exchange, "");
        }

        await counter.BasicQosAsync(0, 2000, false);
        var consumer = new AsyncEventingBasicConsumer(counter);
        consumer.ReceivedAsync += (_, _) =>
        {
            Interlocked.Increment(ref outcomes);
            return Task.CompletedTask;
        };
        await counter.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
    }

    /// <summary>Publishes the records as MassTransit envelopes to WorkerRecordAccepted's exchange.</summary>
    public async Task PublishAsync(IEnumerable<WorkerRecordAccepted> records)
    {
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        foreach (var record in records)
        {
            var id = Guid.NewGuid().ToString();
            var envelope = new JsonObject
            {
                ["messageId"] = id,
                ["messageType"] = new JsonArray(messageType),
                ["message"] = JsonSerializer.SerializeToNode(record, JsonSerializerOptions.Web),
                ["sentTime"] = DateTimeOffset.UtcNow.ToString("O"),
                ["headers"] = new JsonObject(),
            };
            await publisher!.BasicPublishAsync("entramesh.worker-record-accepted", "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (counter is not null) await counter.DisposeAsync();
        if (publisher is not null) await publisher.DisposeAsync();
        if (connection is not null) await connection.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        using var _ = await management.DeleteAsync($"vhosts/{virtualHost}");
        management.Dispose();
    }
}
