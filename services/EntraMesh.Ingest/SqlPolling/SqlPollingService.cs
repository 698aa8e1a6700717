using EntraMesh.Hosting.Outbox;
using EntraMesh.Ingest.Records;
using EntraMesh.Ingest.Sources;
using Npgsql;

namespace EntraMesh.Ingest.SqlPolling;

/// <summary>Runs one <see cref="SqlSourcePoller"/> per source that has a <c>Sql</c> section.</summary>
public sealed class SqlPollingService(
    SourceCatalog sources, IConfiguration configuration, Outbox outbox, RecordAcceptor acceptor, RejectionStore rejections,
    TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataSources = new List<NpgsqlDataSource>();
        try
        {
            var pollers = sources.All.Where(source => source.Options.Sql is not null).Select(source =>
            {
                var dataSource = NpgsqlDataSource.Create(configuration[source.Options.Sql!.ConnectionStringKey]!);
                dataSources.Add(dataSource);
                return new SqlSourcePoller(source, dataSource, outbox, acceptor, rejections, time, loggers.CreateLogger<SqlSourcePoller>());
            }).ToList();
            await Task.WhenAll(pollers.Select(poller => poller.RunAsync(stoppingToken)));
        }
        finally
        {
            foreach (var dataSource in dataSources) await dataSource.DisposeAsync();
        }
    }
}
