using EntraMesh.Dispatch.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.Maintenance;

/// <summary>
/// Deletes finished operations, calls and seen log ids older than <c>Dispatch:HistoryRetention</c> once an hour.
/// Pending and in-flight operations are never touched; calls of the last day stay (the budgets count them).
/// </summary>
public sealed partial class HistoryCleanup(
    NpgsqlDataSource dataSource, IOptions<DispatchOptions> options, TimeProvider time, ILogger<HistoryCleanup> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CleanAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCleanupFailed(logger, exception);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task CleanAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.HistoryRetention > TimeSpan.FromHours(25) ? options.Value.HistoryRetention : TimeSpan.FromHours(25);
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM operation WHERE finished_at < now() - @retention AND status IN ('submitted', 'rejected', 'superseded');
            DELETE FROM call_operation WHERE sent_at < now() - @retention;
            DELETE FROM call WHERE reserved_at < now() - @retention;
            DELETE FROM observed_log_entry WHERE activity_at < now() - @retention;
            """);
        command.Parameters.AddWithValue("retention", retention);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning dispatch's history failed; trying again in an hour")]
    static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
