using EntraMesh.Contracts;
using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Observability;

/// <summary>Reads pending counts, daily budgets and stopped targets from the database for metrics and the health check.</summary>
public sealed partial class StatusRefresher(
    NpgsqlDataSource dataSource,
    TargetCatalog targets,
    CallLedger ledger,
    DispatchStatus status,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<StatusRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.StatusRefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var asOf = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var pending = new Dictionary<string, Dictionary<ChangePriority, long>>(StringComparer.OrdinalIgnoreCase);
        await using (var command = new NpgsqlCommand(
            "SELECT target, priority, count(*) FROM operation WHERE status = 'pending' AND priority >= 0 GROUP BY target, priority", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var counts = pending.TryGetValue(reader.GetString(0), out var existing) ? existing : pending[reader.GetString(0)] = [];
                counts[(ChangePriority)reader.GetInt16(1)] = reader.GetInt64(2);
            }
        }

        var stopped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using (var command = new NpgsqlCommand("SELECT target, stopped_reason FROM target_state WHERE stopped_reason IS NOT NULL", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) stopped[reader.GetString(0)] = reader.GetString(1);
        }

        foreach (var target in targets.All)
        {
            status.SetPending(target.Name, pending.TryGetValue(target.Name, out var counts) ? counts : []);
            status.SetStopped(target.Name, stopped.GetValueOrDefault(target.Name), asOf);
            var day = await ledger.ReadAsync(connection, null, target, cancellationToken);
            status.SetDailyBudget(target.Name, Math.Max(0, target.Limits.DailyBudget - day.CallsInLastDay), target.Limits.DailyBudget);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read dispatch's status for metrics and health")]
    static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
