using System.Net.Http.Json;
using System.Text.Json;
using EntraMesh.Reconciliation.Api.Workers;
using EntraMesh.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Reconciliation.Tests.Infrastructure;

/// <summary>
/// The real reconciliation service (its Program) on a test server, against the test's own PostgreSQL database and
/// RabbitMQ virtual host, optionally with a fake clock.
/// </summary>
public sealed class ReconciliationHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly WebApplicationFactory<Program> factory;

    ReconciliationHost(WebApplicationFactory<Program> factory, HttpClient client)
    {
        this.factory = factory;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => factory.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public static Task<ReconciliationHost> StartAsync(
        IsolatedInfrastructure infrastructure, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            var configuration = new Dictionary<string, string?>
            {
                ["ConnectionStrings:postgres"] = infrastructure.PostgresConnectionString,
                ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqUri.ToString(),
                ["Messaging:WaitUntilStarted"] = "true",
                ["Messaging:RetryIntervals:0"] = "00:00:00.050",
                ["Messaging:RetryIntervals:1"] = "00:00:00.200",
                ["Outbox:PollInterval"] = "00:00:01",
                ["Reconciliation:BatchTimeLimit"] = "00:00:00.020",
                ["ENTRAMESH_SECRETS_DIR"] = "/nonexistent",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
            foreach (var (key, value) in configuration) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            if (time is not null) builder.ConfigureTestServices(services => services.AddSingleton(time));
        });

        // Creating the client starts the host: migrations, the bus (waited for) and the hosted services.
        var client = factory.CreateClient();
        return Task.FromResult(new ReconciliationHost(factory, client));
    }

    public Task PublishAsync<T>(T message, Guid? messageId = null)
        where T : class =>
        Bus.Publish(message, context =>
        {
            if (messageId is { } id) context.MessageId = id;
        });

    /// <summary>Publishes the way the other services do: through a transactional outbox (this service's), with the caller's trace.</summary>
    public Task PublishThroughOutboxAsync<T>(T message)
        where T : class =>
        PublishAllThroughOutboxAsync([message]);

    /// <summary>Several events in one transaction: those of a batched type leave as one <c>EventBatch</c>.</summary>
    public async Task PublishAllThroughOutboxAsync<T>(IReadOnlyList<T> messages)
        where T : class
    {
        var outbox = Services.GetRequiredService<EntraMesh.Hosting.Outbox.Outbox>();
        await using var tx = await outbox.BeginAsync();
        foreach (var message in messages) tx.Publish(message);
        await tx.CommitAsync();
    }

    public async Task<WorkerDetail?> FindWorkerAsync(string sourceId, string workerId)
    {
        using var response = await Client.GetAsync(WorkerPath(sourceId, workerId));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<WorkerDetail>(Json);
    }

    /// <summary>Polls the worker until <paramref name="until"/> holds.</summary>
    public async Task<WorkerDetail> WaitForWorkerAsync(string sourceId, string workerId, Func<WorkerDetail, bool> until, string? because = null)
    {
        var worker = await Eventually.WaitForAsync(
            () => FindWorkerAsync(sourceId, workerId),
            found => found is not null && until(found),
            TimeSpan.FromSeconds(30),
            because ?? $"worker {sourceId}/{workerId}");
        return worker!;
    }

    public static string WorkerPath(string sourceId, string workerId) =>
        $"/api/reconciliation/workers/{Uri.EscapeDataString(sourceId)}/{Uri.EscapeDataString(workerId)}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
