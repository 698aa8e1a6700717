using EntraMesh.Contracts;
using EntraMesh.Testing;

namespace EntraMesh.Ingest.Tests;

/// <summary>One ingest (in-process) per test class, its own database and virtual host, and a collector of its events.</summary>
public class IngestFixture : IsolatedInfrastructure
{
    IngestFactory? factory;
    PublishedEvents? events;

    public IngestFactory Factory => factory!;
    public PublishedEvents Events => events!;
    public HttpClient Client { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? ExtraSettings => null;

    /// <summary>Runs before ingest starts (e.g. creates the tables an SQL source reads).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await PrepareAsync();
        events = await PublishedEvents.StartAsync(RabbitMqUri);
        factory = new IngestFactory(this, ExtraSettings);
        Client = factory.CreateClient();
    }

    /// <summary>Waits until <paramref name="count"/> events for the worker were published, then returns them by revision.</summary>
    public async Task<IReadOnlyList<WorkerRecordAccepted>> EventsForAsync(string workerId, int count, TimeSpan? timeout = null) =>
        await Eventually.WaitForAsync(() => Task.FromResult(Events.For(workerId)), list => list.Count >= count, timeout ?? TimeSpan.FromSeconds(20),
            $"{count} events for worker {workerId}");

    /// <summary>Lets stragglers arrive: the outbox is empty, then a short pause.</summary>
    public async Task QuiesceAsync()
    {
        await Eventually.WaitForAsync(() => ScalarAsync<long>("SELECT count(*) FROM ingest.outbox_message"), rows => rows == 0);
        await Task.Delay(300);
    }

    public override async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        if (events is not null) await events.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
