using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// Creates the budget rows of every target, then runs one <see cref="TargetDispatcher"/> per target (unless
/// <c>Dispatch:SendingEnabled</c> is false).
/// </summary>
public sealed class DispatchWorker(
    TargetCatalog targets, TargetDispatcher dispatcher, NpgsqlDataSource dataSource, IOptions<DispatchOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await CallLedger.EnsureRowsAsync(dataSource, targets.All, stoppingToken);
        if (!options.Value.SendingEnabled) return;
        await Task.WhenAll(targets.All.Select(target => dispatcher.RunAsync(target, stoppingToken)));
    }
}
