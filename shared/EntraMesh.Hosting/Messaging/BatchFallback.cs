using EntraMesh.Hosting.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EntraMesh.Hosting.Messaging;

/// <summary>
/// Stores a batch of messages in one transaction and, when that fails, one by one, so that one bad message cannot hold
/// back the others. A message PostgreSQL refuses to store (a data error: a NUL character, a value beyond a column's
/// limits) is answered visibly by the caller's <c>refuse</c>, alone or in a batch; any other failure faults the batch once
/// the others are stored, to be retried and then moved to the error queue - nothing is lost either way. An outage (the
/// database unreachable) faults the batch at once, to be retried as a whole, rather than failing once per message.
/// </summary>
public static partial class BatchFallback
{
    /// <param name="messages">The batch (a MassTransit batch of messages, or the events of one <c>EventBatch</c>).</param>
    /// <param name="store">Stores messages in one transaction (the whole batch, then each alone).</param>
    /// <param name="refuse">Answers a message PostgreSQL refuses to store, visibly, in a transaction of its own.</param>
    /// <param name="describe">Names a message in the logs (worker id and revision: never HR values).</param>
    /// <param name="logger">The consumer's logger.</param>
    /// <param name="cancellationToken">The consume context's token.</param>
    public static async Task StoreAsync<T>(
        IReadOnlyList<ReceivedEvent<T>> messages,
        Func<IReadOnlyList<ReceivedEvent<T>>, Task> store,
        Func<ReceivedEvent<T>, PostgresException, Task> refuse,
        Func<T, string> describe,
        ILogger logger,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await store(messages);
        }
        catch (PostgresException refused) when (messages.Count == 1 && PostgresErrors.IsDataError(refused))
        {
            await RefuseAsync(messages[0], refused, refuse, describe, logger);
        }
        catch (Exception batchFailure) when (messages.Count > 1 && !OutageRetry.IsOutage(batchFailure) && !cancellationToken.IsCancellationRequested)
        {
            LogBatchFailed(logger, batchFailure, messages.Count, typeof(T).Name);
            Exception? failure = null;
            foreach (var message in messages)
            {
                try
                {
                    await store([message]);
                }
                catch (PostgresException refused) when (PostgresErrors.IsDataError(refused))
                {
                    await RefuseAsync(message, refused, refuse, describe, logger);
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    LogMessageFailed(logger, error, describe(message.Message), message.MessageId);
                    failure ??= error;
                }
            }

            if (failure is not null) throw new InvalidOperationException($"A {typeof(T).Name} of the batch could not be stored; the others were.", failure);
        }
    }

    static Task RefuseAsync<T>(
        ReceivedEvent<T> message, PostgresException refused, Func<ReceivedEvent<T>, PostgresException, Task> refuse, Func<T, string> describe, ILogger logger)
        where T : class
    {
        LogRefused(logger, describe(message.Message), refused.SqlState);
        return refuse(message, refused);
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Storing a batch of {Count} {MessageType} messages failed; storing them one by one")]
    static partial void LogBatchFailed(ILogger logger, Exception exception, int count, string messageType);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error,
        Message = "{Message} (message {MessageId}) could not be stored; it is retried and then moved to the error queue")]
    static partial void LogMessageFailed(ILogger logger, Exception exception, string message, Guid messageId);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "{Message}: PostgreSQL refuses to store it (SQLSTATE {SqlState}); answered as rejected")]
    static partial void LogRefused(ILogger logger, string message, string sqlState);
}
