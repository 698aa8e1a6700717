using EntraMesh.Mapping.Planning;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Mapping.Holding;

/// <summary>
/// Plans held changes when they come due, on the injected clock. Each round claims due rows together with their workers'
/// row locks (<c>FOR UPDATE ... SKIP LOCKED</c>), so replicas release different workers side by side; the planner deletes
/// the hold in the transaction that plans it, so a change is released once, and one that a newer record replaced
/// meanwhile is not released at all. Holds live in PostgreSQL: a restart loses none.
/// </summary>
public sealed partial class HeldChangeReleaser(
    WorkerPlanner planner, HoldSignal signal, IOptions<HoldingOptions> options, TimeProvider time, ILogger<HeldChangeReleaser> logger,
    NpgsqlDataSource dataSource) : BackgroundService
{
    /// <summary>Pause before looking again while due rows are locked by another replica.</summary>
    static readonly TimeSpan LockedRetry = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            TimeSpan wait;
            try
            {
                while (await ReleaseDueAsync(settings.BatchSize, stoppingToken) == settings.BatchSize)
                {
                }

                wait = await UntilNextDueAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogReleaseFailed(logger, exception, settings.PollInterval.TotalSeconds);
                wait = settings.PollInterval;
            }

            await WaitAsync(woken, wait, stoppingToken);
        }
    }

    async Task<int> ReleaseDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var released = 0;
        await planner.RunAsync(async tx =>
        {
            await using var command = tx.Command(
                """
                SELECT h.source_id, h.worker_id, h.revision, h.record_id, h.reason, h.target, h.due_at, h.held_at
                FROM held_change h JOIN worker_record w ON w.source_id = h.source_id AND w.worker_id = h.worker_id
                WHERE h.due_at <= @now
                ORDER BY h.due_at
                LIMIT @limit
                FOR UPDATE OF w SKIP LOCKED
                """);
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            command.Parameters.AddWithValue("limit", batchSize);
            var requests = new List<PlanRequest>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var hold = new HeldChange(reader.GetInt64(2), reader.GetGuid(3), Enum.Parse<HoldReason>(reader.GetString(4)),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7));
                    requests.Add(PlanRequest.Release(new WorkerKey(reader.GetString(0), reader.GetString(1)), hold));
                }
            }

            released = requests.Count;
            return requests;
        }, cancellationToken);
        if (released > 0) LogReleased(logger, released);
        return released;
    }

    /// <summary>Until the earliest hold is due, at most <paramref name="pollInterval"/>.</summary>
    async Task<TimeSpan> UntilNextDueAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT min(due_at) FROM held_change");
        if (await command.ExecuteScalarAsync(cancellationToken) is not DateTime earliest) return pollInterval;
        var untilDue = new DateTimeOffset(DateTime.SpecifyKind(earliest, DateTimeKind.Utc)) - time.GetUtcNow();
        if (untilDue <= TimeSpan.Zero) return LockedRetry;
        return untilDue < pollInterval ? untilDue : pollInterval;
    }

    async Task WaitAsync(Task woken, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, cancel.Token);
        await Task.WhenAny(woken, delay);
        await cancel.CancelAsync();
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Released {Count} held changes that came due")]
    static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Releasing held changes failed; trying again in {Seconds} s")]
    static partial void LogReleaseFailed(ILogger logger, Exception exception, double seconds);
}
