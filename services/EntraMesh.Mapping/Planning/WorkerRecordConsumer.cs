using EntraMesh.Contracts;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using MassTransit;
using Npgsql;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// Plans accepted worker records, a batch per transaction: the batch's messages are claimed in the inbox (a redelivery is
/// a no-op), the workers are locked, and every planned or skipped change leaves through the outbox on commit. When a
/// batch fails, its records are planned one by one, so that one bad record cannot hold back the others: a record the
/// database refuses to store (a data error such as a NUL character, or a value beyond its limits) is answered with
/// <c>IdentityChangeSkipped</c> (<c>Invalid</c>); any other failure faults the batch, which is retried and then moved to the
/// error queue - nothing is lost either way. An outage (the database unreachable) faults the batch at once, to be retried as
/// a whole, rather than failing once per record.
/// </summary>
public sealed partial class WorkerRecordConsumer(WorkerPlanner planner, ILogger<WorkerRecordConsumer> logger) : IConsumer<Batch<WorkerRecordAccepted>>
{
    public async Task Consume(ConsumeContext<Batch<WorkerRecordAccepted>> context)
    {
        var messages = context.Message.ToList();
        try
        {
            await PlanAsync(messages, context.CancellationToken);
        }
        catch (Exception batchFailure) when (messages.Count > 1 && !OutageRetry.IsOutage(batchFailure) && !context.CancellationToken.IsCancellationRequested)
        {
            LogBatchFailed(logger, batchFailure, messages.Count);
            Exception? failure = null;
            foreach (var message in messages)
            {
                try
                {
                    await PlanAsync([message], context.CancellationToken);
                }
                catch (PostgresException refused) when (PostgresErrors.IsDataError(refused))
                {
                    LogRecordRefused(logger, message.Message.SourceId, message.Message.WorkerId, message.Message.Revision, refused.SqlState);
                    await planner.RejectAsync(message, refused.SqlState, context.CancellationToken);
                }
                catch (Exception error) when (!context.CancellationToken.IsCancellationRequested)
                {
                    LogRecordFailed(logger, error, message.Message.SourceId, message.Message.WorkerId, message.Message.Revision, message.MessageId);
                    failure ??= error;
                }
            }

            if (failure is not null) throw new InvalidOperationException("A record of the batch could not be planned; the others were.", failure);
        }
    }

    Task PlanAsync(List<ConsumeContext<WorkerRecordAccepted>> messages, CancellationToken cancellationToken) =>
        planner.RunAsync(async tx =>
        {
            var fresh = await tx.TryClaimMessagesAsync(messages, cancellationToken);
            return fresh.Select(message => PlanRequest.Accepted(
                StoredRecord.From(message.Message), message.Headers.Get<string>(PlanningTracing.ActivityHeader))).ToList();
        }, cancellationToken);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Planning a batch of {Count} records failed; planning them one by one")]
    static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error,
        Message = "Worker {SourceId}/{WorkerId} revision {Revision}: PostgreSQL refuses to store the record (SQLSTATE {SqlState}); answered as invalid")]
    static partial void LogRecordRefused(ILogger logger, string sourceId, string workerId, long revision, string sqlState);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error,
        Message = "Worker {SourceId}/{WorkerId} revision {Revision} (message {MessageId}) could not be planned; it is retried and then moved to the error queue")]
    static partial void LogRecordFailed(ILogger logger, Exception exception, string sourceId, string workerId, long revision, Guid? messageId);
}
