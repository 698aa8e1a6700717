using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Batching;

/// <summary>Runs one <see cref="TargetDispatcher"/> per configured target (unless <c>Dispatch:SendingEnabled</c> is false).</summary>
public sealed class DispatchWorker(
    TargetCatalog targets, TargetDispatcher dispatcher, NpgsqlDataSource dataSource, IOptions<DispatchOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendingEnabled) return;
        await CallLedger.EnsureRowsAsync(dataSource, targets.All, stoppingToken);
        await Task.WhenAll(targets.All.Select(target => dispatcher.RunAsync(target, stoppingToken)));
    }
}
