using System.Globalization;
using EntraMesh.Reconciliation.Projection;
using EntraMesh.Reconciliation.ReadModel;
using Npgsql;

namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary>
/// The summary from small tables kept up to date by the projection (counts by state, latency histogram, budget) and two
/// indexed look-ups (oldest pending, failures by code): its cost does not grow with the number of workers.
/// </summary>
public sealed class SummaryReader(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxFailureCodes = 100;

    public async Task<Summary> ReadAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = LatencyRows.Minute(now - window);

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT scope, state, sum(n)::bigint FROM state_count GROUP BY scope, state"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT source_id, worker_id, state, revision_started_at FROM worker
            WHERE state IN ('Accepted', 'Planned', 'Queued', 'Submitted', 'Stuck') AND revision_started_at IS NOT NULL
            ORDER BY revision_started_at LIMIT 1
            """));
        var latency = new NpgsqlBatchCommand("SELECT target, bucket, sum(n)::bigint FROM latency_bucket WHERE minute >= @from GROUP BY target, bucket");
        latency.Parameters.Add(new NpgsqlParameter("from", from));
        batch.BatchCommands.Add(latency);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            SELECT target, state, error_code, count(*) FROM worker_target WHERE state IN ('Failed', 'Rejected')
            GROUP BY target, state, error_code ORDER BY count(*) DESC, target, state, error_code LIMIT {MaxFailureCodes}
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT target, job_id, calls_remaining, calls_limit, reported_at FROM dispatch_budget ORDER BY target"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, Dictionary<WorkerState, long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var scope = reader.GetString(0);
            if (!counts.TryGetValue(scope, out var byState)) counts[scope] = byState = [];
            byState[reader.State(1)] = reader.GetInt64(2);
        }

        await reader.NextResultAsync(cancellationToken);
        PendingWorker? oldest = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            var since = reader.GetFieldValue<DateTimeOffset>(3);
            oldest = new PendingWorker(reader.GetString(0), reader.GetString(1), reader.State(2), since, Math.Max(0, (now - since).TotalSeconds));
        }

        await reader.NextResultAsync(cancellationToken);
        var histograms = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var target = reader.GetString(0);
            if (!histograms.TryGetValue(target, out var histogram)) histograms[target] = histogram = [];
            histogram[reader.GetInt16(1)] = reader.GetInt64(2);
        }

        await reader.NextResultAsync(cancellationToken);
        var failures = new List<FailureCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            failures.Add(new FailureCount(reader.GetString(0), reader.State(1), reader.String(2), reader.GetInt64(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        var budget = new List<BudgetLeft>();
        while (await reader.ReadAsync(cancellationToken))
        {
            budget.Add(new BudgetLeft(reader.GetString(0), reader.String(1), reader.GetInt32(2), reader.Int(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        var overall = histograms.Values.SelectMany(histogram => histogram)
            .GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
        var targets = counts.Keys.Concat(histograms.Keys).Where(scope => scope != CountDeltas.WorkersScope)
            .Distinct().Order(StringComparer.Ordinal)
            .Select(target => new TargetSummary(
                target,
                Counts(counts.GetValueOrDefault(target)),
                histograms.TryGetValue(target, out var histogram) ? Figures(histogram) : null))
            .ToList();

        return new Summary(
            now,
            Counts(counts.GetValueOrDefault(CountDeltas.WorkersScope)),
            targets,
            oldest,
            new LatencySummary(window.ToString("c", CultureInfo.InvariantCulture), from, Figures(overall)),
            failures,
            budget);
    }

    static StateCounts Counts(Dictionary<WorkerState, long>? byState)
    {
        var all = Enum.GetValues<WorkerState>().ToDictionary(state => state, state => byState?.GetValueOrDefault(state) ?? 0);
        return new StateCounts(all.Values.Sum(), all);
    }

    static LatencyFigures Figures(IReadOnlyDictionary<int, long> histogram) => new(
        histogram.Values.Sum(),
        LatencyBuckets.Percentile(histogram, 0.50)?.TotalSeconds,
        LatencyBuckets.Percentile(histogram, 0.95)?.TotalSeconds);
}
