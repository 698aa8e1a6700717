using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Hosting.Outbox;

/// <summary>Forgets consumed message ids older than <see cref="OutboxOptions.InboxRetention"/>, hourly.</summary>
public sealed partial class InboxCleanup(
    NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, TimeProvider time, ILogger<InboxCleanup> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var command = dataSource.CreateCommand("DELETE FROM inbox_message WHERE consumed_at < @before");
                command.Parameters.AddWithValue("before", time.GetUtcNow() - options.Value.InboxRetention);
                var deleted = await command.ExecuteNonQueryAsync(stoppingToken);
                if (deleted > 0) LogCleaned(logger, deleted);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCleanupFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox: forgot {Count} consumed message ids past retention")]
    static partial void LogCleaned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox clean-up failed; trying again in an hour")]
    static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
