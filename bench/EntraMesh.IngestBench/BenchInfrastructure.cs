using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EntraMesh.IngestBench;

/// <summary>A database and a RabbitMQ virtual host of the bench's own on eng/infra.sh's servers, and a counting queue.</summary>
public sealed class BenchInfrastructure : IAsyncDisposable
{
    readonly string adminConnection;
    readonly HttpClient management;
    readonly string database = $"bench_{Guid.NewGuid():N}";
    readonly string virtualHost = $"bench-{Guid.NewGuid():N}";
    IConnection? connection;
    IChannel? channel;
    long published;

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

    /// <summary>Records published and routed to the counting queue so far.</summary>
    public long Published => Interlocked.Read(ref published);

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
        await infrastructure.BindCounterAsync();
        return infrastructure;
    }

    /// <summary>A queue bound to WorkerRecordAccepted's exchange, as mapping's would be, counting deliveries.</summary>
    async Task BindCounterAsync()
    {
        connection = await new ConnectionFactory { Uri = RabbitMqUri }.CreateConnectionAsync();
        channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("entramesh.worker-record-accepted", ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("bench-counter", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "entramesh.worker-record-accepted", "");
        await channel.BasicQosAsync(0, 1000, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, _) =>
        {
            Interlocked.Increment(ref published);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
    }

    public async ValueTask DisposeAsync()
    {
        if (channel is not null) await channel.DisposeAsync();
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
