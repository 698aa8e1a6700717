using EntraMesh.Reconciliation.Events;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.ReadModel;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Reconciliation.Stuck;

/// <summary>
/// Every <c>Reconciliation:StuckScanInterval</c> (by the injected clock), marks changes submitted longer than
/// <c>Reconciliation:StuckAfter</c> ago with no outcome as Stuck. The marking goes through the projector like any event
/// (worker rows locked, state only moves forward), so several replicas may scan at once and an outcome that arrives
/// meanwhile wins; the outcome also clears the marker later.
/// </summary>
public sealed partial class StuckDetector(
    NpgsqlDataSource dataSource, Projector projector, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<StuckDetector> logger)
    : BackgroundService
{
    const int MaxRoundsPerScan = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StuckScanInterval, time);
        try
        {
            do
            {
                try
                {
                    await ScanAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogScanFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One scan; returns how many changes were examined.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var examined = 0;
        for (var round = 0; round < MaxRoundsPerScan; round++)
        {
            var now = EventTranslator.Utc(time.GetUtcNow());
            var cutoff = now - settings.StuckAfter;
            var candidates = await CandidatesAsync(cutoff, settings.StuckScanBatchSize, cancellationToken);
            if (candidates.Count == 0) break;

            var events = candidates.Select(candidate => (PipelineEvent)new StuckDetected
            {
                Worker = candidate.Worker,
                Target = candidate.Target,
                Revision = candidate.Revision,
                ChangeId = candidate.ChangeId,
                OccurredAt = now,
                Cutoff = cutoff,
                StuckAfter = settings.StuckAfter,
                SubmittedAt = candidate.SubmittedAt,
            }).ToList();
            await projector.ApplyAsync([new IncomingMessage(null, null, nameof(StuckDetected), new Translation(events, null), null)], cancellationToken);
            examined += candidates.Count;
            if (candidates.Count < settings.StuckScanBatchSize) break;
        }

        return examined;
    }

    async Task<List<Candidate>> CandidatesAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT source_id, worker_id, target, revision, change_id, submitted_at FROM worker_target
            WHERE state = 'Submitted' AND submitted_at <= @cutoff
            ORDER BY submitted_at LIMIT @limit
            """);
        command.Parameters.AddWithValue("cutoff", cutoff);
        command.Parameters.AddWithValue("limit", limit);
        var candidates = new List<Candidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new Candidate(
                new WorkerKey(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetInt64(3),
                reader.Uuid(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return candidates;
    }

    readonly record struct Candidate(WorkerKey Worker, string Target, long Revision, Guid? ChangeId, DateTimeOffset SubmittedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stuck scan failed; trying again at the next interval")]
    static partial void LogScanFailed(ILogger logger, Exception exception);
}
