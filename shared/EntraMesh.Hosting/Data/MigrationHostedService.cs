using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EntraMesh.Hosting.Data;

/// <summary>Runs the migrations before any other hosted service starts (consumers, relays, pollers).</summary>
internal sealed class MigrationHostedService(SchemaMigrator migrator, IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStart ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
