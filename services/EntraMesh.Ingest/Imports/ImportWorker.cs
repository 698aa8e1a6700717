using Npgsql;

namespace EntraMesh.Ingest.Imports;

/// <summary>
/// Runs queued import jobs one after another. At start it picks up the jobs a previous process left unfinished and
/// resumes them after their last committed chunk. A database outage pauses a job and retries it; a file that cannot
/// be read fails the job with the reason.
/// </summary>
public sealed partial class ImportWorker(ImportQueue queue, ImportStore store, ImportProcessor processor, TimeProvider time, ILogger<ImportWorker> logger)
    : BackgroundService
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeUnfinishedAsync(stoppingToken);
        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await processor.ProcessAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogRetry(logger, exception, id);
                _ = RequeueLaterAsync(id, stoppingToken);
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, id);
                await store.FailAsync(id, exception is InvalidDataException ? exception.Message : "The import failed unexpectedly; see the ingest logs.", stoppingToken);
            }
        }
    }

    async Task ResumeUnfinishedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await store.UnfinishedAsync(stoppingToken)) queue.Enqueue(id);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogRetry(logger, exception, Guid.Empty);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    async Task RequeueLaterAsync(Guid id, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RetryDelay, time, stoppingToken);
            queue.Enqueue(id);
        }
        catch (OperationCanceledException)
        {
            // stopping: the next process resumes the job
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} paused: the database is unavailable; retrying")]
    static partial void LogRetry(ILogger logger, Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed")]
    static partial void LogFailed(ILogger logger, Exception exception, Guid importId);
}
