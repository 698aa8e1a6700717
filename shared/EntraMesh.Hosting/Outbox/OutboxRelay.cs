using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Hosting.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ and deletes them once the broker confirmed them. Woken by every commit
/// in this process, and by a poll tick for rows a crashed process left behind. Rows are taken with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several replicas relay side by side without publishing a row twice; a crash
/// after publishing and before deleting publishes the row again with the same message id, which the consumer's inbox
/// absorbs.
/// </summary>
public sealed partial class OutboxRelay(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    OutboxSignal signal,
    MessageTypeRegistry types,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    static readonly ActivitySource ActivitySource = new("EntraMesh.Outbox");
    static readonly Meter Meter = new("EntraMesh.Outbox");
    static readonly Counter<long> Published = Meter.CreateCounter<long>("entramesh.outbox.published", "{message}", "Messages published from the outbox.");
    static readonly Counter<long> Failed = Meter.CreateCounter<long>("entramesh.outbox.publish_failures", "{message}", "Outbox publish attempts that failed and will be retried.");
    static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("entramesh.outbox.lag", "s", "Time from commit to broker confirmation.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RelayEnabled) return;

        var bus = services.GetService<IBus>() ?? throw new InvalidOperationException(
            "The outbox relay publishes through MassTransit: call AddMessaging() in a service that calls AddServiceDatabase().");

        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(bus, settings, stoppingToken) > 0)
                {
                }

                backoff = TimeSpan.Zero;
                await signal.WaitAsync(await TimeUntilNextDueRowAsync(settings, stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // PostgreSQL itself is unreachable: back off as a whole.
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                LogRelayFailed(logger, exception, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Publishes one batch of due rows; returns how many were published. Rows RabbitMQ did not confirm, or could not
    /// route to any queue (published as mandatory), stay and back off one by one, without holding up the others.
    /// </summary>
    async Task<int> RelayBatchAsync(IBus bus, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var rows = new List<OutboxRow>(settings.BatchSize);
        await using (var select = new NpgsqlCommand(
            """
            SELECT sequence, message_id, message_type, body, trace_parent, trace_state, created_at, attempts
            FROM outbox_message WHERE next_attempt_at <= now()
            ORDER BY sequence LIMIT @limit FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("limit", settings.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OutboxRow(
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetInt32(7)));
            }
        }

        if (rows.Count == 0) return 0;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(bus, row, timeout.Token)));
        var published = rows.Where((_, index) => outcomes[index] is null).Select(row => row.Sequence).ToArray();
        var failed = rows.Select((row, index) => (row, error: outcomes[index])).Where(pair => pair.error is not null).ToList();

        if (published.Length > 0)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM outbox_message WHERE sequence = ANY(@sequences)", connection, transaction);
            delete.Parameters.AddWithValue("sequences", published);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (failed.Count > 0)
        {
            await using var retry = new NpgsqlCommand(
                """
                UPDATE outbox_message o SET attempts = o.attempts + 1, next_attempt_at = now() + f.delay, last_error = f.error
                FROM unnest(@sequences, @delays, @errors) AS f(sequence, delay, error)
                WHERE o.sequence = f.sequence
                """, connection, transaction);
            retry.Parameters.AddWithValue("sequences", failed.Select(f => f.row.Sequence).ToArray());
            retry.Parameters.AddWithValue("delays", failed.Select(f => RetryDelay(f.row.Attempts)).ToArray());
            retry.Parameters.AddWithValue("errors", failed.Select(f => f.error!.GetBaseException().Message).ToArray());
            await retry.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);

        var now = time.GetUtcNow();
        Published.Add(published.Length);
        foreach (var row in rows.Where((_, index) => outcomes[index] is null)) Lag.Record((now - row.CreatedAt).TotalSeconds);
        if (failed.Count > 0)
        {
            Failed.Add(failed.Count);
            LogPublishFailed(logger, failed[0].error!, failed.Count, rows.Count);
        }

        return published.Length;
    }

    static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempts, 10))));

    /// <summary>How long until the earliest row that backs off is due again, bounded by the poll interval.</summary>
    async Task<TimeSpan> TimeUntilNextDueRowAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT extract(epoch FROM min(next_attempt_at) - now()) FROM outbox_message");
        var seconds = await command.ExecuteScalarAsync(cancellationToken);
        if (seconds is null or DBNull) return settings.PollInterval;
        var untilDue = TimeSpan.FromSeconds(Math.Max(0.01, Convert.ToDouble(seconds, System.Globalization.CultureInfo.InvariantCulture)));
        return untilDue < settings.PollInterval ? untilDue : settings.PollInterval;
    }

    async Task<Exception?> PublishAsync(IBus bus, OutboxRow row, CancellationToken cancellationToken)
    {
        try
        {
            var type = types.TypeOf(row.MessageType);
            var message = JsonSerializer.Deserialize(row.Body, type, MessageTypeRegistry.SerializerOptions)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");

            ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
            using var activity = ActivitySource.StartActivity("outbox publish", ActivityKind.Internal, parent);
            await bus.Publish(message, type, Pipe.Execute<PublishContext>(context =>
            {
                context.MessageId = row.MessageId;
                // Unroutable (no queue bound yet, e.g. the consumer was never deployed) fails instead of vanishing.
                context.Mandatory = true;
            }), cancellationToken);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Failed} of {Total} messages not published; they stay and retry")]
    static partial void LogPublishFailed(ILogger logger, Exception exception, int failed, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay cannot reach its database; retrying in {DelayMs} ms")]
    static partial void LogRelayFailed(ILogger logger, Exception exception, double delayMs);

    readonly record struct OutboxRow(
        long Sequence, Guid MessageId, string MessageType, string Body, string? TraceParent, string? TraceState, DateTimeOffset CreatedAt, int Attempts);
}
