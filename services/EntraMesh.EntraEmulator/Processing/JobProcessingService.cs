using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>
/// One processing loop per job, in the background: takes staged batches in order, waits for the processing delay and
/// for the job to be Active (a paused or quarantined job holds its batches), and processes them.
/// </summary>
public sealed class JobProcessingService(EmulatorRegistry registry, BatchProcessor processor, RuntimeSettings settings, TimeProvider time,
    ILogger<JobProcessingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(registry.Jobs.Select(job => Task.Run(() => RunAsync(job, stoppingToken), stoppingToken)));

    async Task RunAsync(ProvisioningJob job, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var reader = job.Reader;
                await foreach (var batch in reader.ReadAllAsync(cancellationToken))
                {
                    if (batch.Generation != job.Generation) continue;
                    var wait = batch.AcceptedAt + settings.ProcessingDelay.Draw() - time.GetUtcNow();
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
                    await job.WhenRunnableAsync(cancellationToken);
                    processor.Process(job, batch);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                EmulatorLog.ProcessingLoopFailed(logger, error, job.JobId);
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
        }
    }
}
