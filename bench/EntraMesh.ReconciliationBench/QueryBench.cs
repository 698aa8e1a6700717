using System.Diagnostics;
using EntraMesh.Benchmarking;
using EntraMesh.Testing;

namespace EntraMesh.ReconciliationBench;

/// <summary>Worker lookup and summary latency over HTTP (Kestrel, in process) with a large seeded read model.</summary>
public static class QueryBench
{
    public sealed record Result(int Workers, TimeSpan SeedTime, IReadOnlyList<Run> Runs);

    public sealed record Run(double LookupP50, double LookupP99, double LookupMax, double SummaryP50, double SummaryP99, double SummaryMax, double ListP99);

    public static async Task<Result> RunAsync(int workers, int runs, int lookups, int summaries, CancellationToken cancellationToken)
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await (await BenchHost.StartAsync(infrastructure)).DisposeAsync();

        TimeSpan seedTime;
        await using (var connection = await infrastructure.OpenConnectionAsync("reconciliation"))
        {
            seedTime = await Seeder.SeedAsync(connection, workers);
        }

        // What a long-running service would have: the seeding's garbage collected, its writes checkpointed.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        await using (var connection = await infrastructure.OpenConnectionAsync("reconciliation"))
        await using (var checkpoint = new Npgsql.NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 0 })
        {
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var host = await BenchHost.StartAsync(infrastructure);
        using var http = new HttpClient { BaseAddress = host.Address };
        var random = new Random(42);
        string[] sources = ["workday", "sap", "csv-import"];
        string WorkerPath(int i) => $"/api/reconciliation/workers/{sources[i % sources.Length]}/{Seeder.WorkerId(i)}";

        // Warm-up: JIT, connection pool, plans, the indexes' upper levels.
        for (var i = 0; i < 1_000; i++) await GetAsync(http, WorkerPath(random.Next(workers)), cancellationToken);
        for (var i = 0; i < 20; i++) await GetAsync(http, "/api/reconciliation/summary", cancellationToken);

        var results = new List<Run>();
        for (var run = 0; run < runs; run++)
        {
            var lookupTimes = new List<double>(lookups);
            for (var i = 0; i < lookups; i++) lookupTimes.Add(await GetAsync(http, WorkerPath(random.Next(workers)), cancellationToken));
            var summaryTimes = new List<double>(summaries);
            for (var i = 0; i < summaries; i++) summaryTimes.Add(await GetAsync(http, "/api/reconciliation/summary", cancellationToken));
            var listTimes = new List<double>();
            foreach (var url in new[] { "/api/reconciliation/failures?limit=100", "/api/reconciliation/workers?state=Stuck&limit=100", "/api/reconciliation/workers?target=cloud&limit=1000" })
            {
                for (var i = 0; i < 10; i++) listTimes.Add(await GetAsync(http, url, cancellationToken));
            }

            results.Add(new Run(
                Stats.Percentile(lookupTimes, 0.50), Stats.Percentile(lookupTimes, 0.99), lookupTimes.Max(),
                Stats.Percentile(summaryTimes, 0.50), Stats.Percentile(summaryTimes, 0.99), summaryTimes.Max(),
                Stats.Percentile(listTimes, 0.99)));
        }

        return new Result(workers, seedTime, results);
    }

    /// <summary>Milliseconds for one GET, body read; fails on anything but 200.</summary>
    static async Task<double> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        return elapsed;
    }
}
