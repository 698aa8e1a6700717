using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Dispatch.LogPolling;

/// <summary>
/// Polls each job's provisioning logs. With several replicas only one polls a job at a time: the poll holds a
/// PostgreSQL advisory lock on the job id (released when the poll ends or its connection dies). Each poll reads from the
/// earliest sent operation the logs have not shown yet, or the previous poll (<see cref="JobWatermarks.ReadFromAsync"/>),
/// never from before <c>watermark - Overlap</c>; follows <c>@odata.nextLink</c>, hands every page to
/// <see cref="OutcomeMatcher"/>, and then moves the watermark to <c>poll time - SettleTime</c>: Entra shows entries up
/// to 10 minutes late, so nothing younger than that is given up on. Entries read again are recognised by their log id.
/// </summary>
public sealed partial class ProvisioningLogPoller(
    NpgsqlDataSource dataSource,
    TargetCatalog targets,
    ProvisioningLogClient client,
    OutcomeMatcher matcher,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<ProvisioningLogPoller> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.LogPolling.Enabled
            ? Task.WhenAll(targets.All.Select(target => PollLoopAsync(target, stoppingToken)))
            : Task.CompletedTask;

    async Task PollLoopAsync(DispatchTarget target, CancellationToken stoppingToken)
    {
        var settings = options.Value.LogPolling;
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = settings.PollInterval;
            try
            {
                await PollOnceAsync(target, stoppingToken);
            }
            catch (ProvisioningLogException exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogReadFailed(logger, target.Name, exception.StatusCode);
                if (exception.RetryAfter is { } retryAfter && retryAfter > delay) delay = retryAfter;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, exception, target.Name);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One poll of one job; false when another replica holds the job's lock.</summary>
    public async Task<bool> PollOnceAsync(DispatchTarget target, CancellationToken cancellationToken)
    {
        var settings = options.Value.LogPolling;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var lockKey = $"entramesh-dispatch-log-poll:{target.JobId}";
        if (!await TryLockAsync(connection, lockKey, cancellationToken)) return false;
        try
        {
            var polledAt = await Database.ClockAsync(connection, null, cancellationToken);
            var from = await JobWatermarks.ReadFromAsync(connection, target, polledAt, settings, cancellationToken);
            var matched = 0;
            var pages = 0;
            for (Uri? page = client.FirstPage(target, from); page is not null; pages++)
            {
                var result = await client.GetPageAsync(target, page, cancellationToken);
                matched += await matcher.HandleAsync(target, result.Entries, cancellationToken);
                page = SameHost(result.NextLink, target);
            }

            await JobWatermarks.AdvanceAsync(connection, target, polledAt - settings.SettleTime, polledAt, cancellationToken);
            if (matched > 0) LogPolled(logger, target.Name, pages, matched);
            return true;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@key))", connection);
            unlock.Parameters.AddWithValue("key", lockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    static async Task<bool> TryLockAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@key))", connection);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Follows a next link only to the target's own Graph host (the token goes with it).</summary>
    static Uri? SameHost(Uri? next, DispatchTarget target)
    {
        if (next is null) return null;
        if (string.Equals(next.Authority, target.GraphBaseUrl.Authority, StringComparison.OrdinalIgnoreCase) && next.Scheme == Uri.UriSchemeHttps) return next;
        throw new InvalidOperationException($"The provisioning logs of target {target.Name} link to another host ({next.Authority}); not followed.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Target {Target}: read {Pages} page(s) of provisioning logs, {Matched} new outcome(s)")]
    static partial void LogPolled(ILogger logger, string target, int pages, int matched);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target {Target}: reading the provisioning logs failed with HTTP {Status}")]
    static partial void LogReadFailed(ILogger logger, string target, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target}: polling the provisioning logs failed")]
    static partial void LogPollFailed(ILogger logger, Exception exception, string target);
}
