using System.Globalization;
using EntraMesh.Benchmarking;
using EntraMesh.ReconciliationBench;

// dotnet run -c Release --project bench/EntraMesh.ReconciliationBench [-- --workers 20000 --runs 3 --population 1000000 --no-record]
var options = args.Select((arg, i) => (arg, i)).Where(p => p.arg.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.arg[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "true");
int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

var projectionWorkers = Option("workers", 20_000);
var runs = Option("runs", 3);
var population = Option("population", 1_000_000);
var skipProjection = options.ContainsKey("skip-projection");
var record = !options.ContainsKey("no-record") && !skipProjection;
using var cancel = new CancellationTokenSource(TimeSpan.FromHours(1));

Console.WriteLine($"Machine: {Machine.Describe()}; load {Machine.Load()}");
var loads = new List<string> { Machine.Load() };

var projection = new List<ProjectionBench.Result>();
for (var run = 0; run < (skipProjection ? 0 : runs); run++)
{
    var result = await ProjectionBench.RunAsync(projectionWorkers, cancel.Token);
    projection.Add(result);
    loads.Add(Machine.Load());
    Console.WriteLine(
        $"Projection run {run + 1}: {result.Messages} messages, {result.WorkerEvents} worker events in {result.Seconds:0.00} s = " +
        $"{result.MessagesPerSecond:0} msg/s, {result.EventsPerSecond:0} events/s; all projected: {result.AllProjected}; " +
        $"CPU {result.Cpu} = {result.CpuPerThousandEvents:0.00} s per 1,000 events");
}

Console.WriteLine($"Seeding {population:N0} workers ...");
var queries = await QueryBench.RunAsync(population, runs, Option("lookups", 1_000), Option("summaries", 30), cancel.Token);
loads.Add(Machine.Load());
Console.WriteLine($"Seeded in {queries.SeedTime.TotalSeconds:0} s");
foreach (var (run, index) in queries.Runs.Select((run, index) => (run, index)))
{
    Console.WriteLine(
        $"Queries run {index + 1}: lookup p50 {run.LookupP50:0.0} ms, p99 {run.LookupP99:0.0} ms, max {run.LookupMax:0.0} ms; " +
        $"summary p50 {run.SummaryP50:0.0} ms, p99 {run.SummaryP99:0.0} ms, max {run.SummaryMax:0.0} ms; list page p99 {run.ListP99:0.0} ms");
}

if (skipProjection) projection.Add(new ProjectionBench.Result(1, 1, 1, true, default));
var messagesPerSecond = Stats.Spread(projection.Select(r => r.MessagesPerSecond).ToList(), "0");
var eventsPerSecond = Stats.Spread(projection.Select(r => r.EventsPerSecond).ToList(), "0");
var lookupP50 = Stats.Spread(queries.Runs.Select(r => r.LookupP50).ToList(), "0.0");
var lookupP99 = Stats.Spread(queries.Runs.Select(r => r.LookupP99).ToList(), "0.0");
var summaryP50 = Stats.Spread(queries.Runs.Select(r => r.SummaryP50).ToList(), "0.0");
var summaryP99 = Stats.Spread(queries.Runs.Select(r => r.SummaryP99).ToList(), "0.0");
var listP99 = Stats.Spread(queries.Runs.Select(r => r.ListP99).ToList(), "0.0");
var cpuPerThousand = Stats.Spread(projection.Select(r => r.CpuPerThousandEvents).ToList(), "0.00");
var allProjected = projection.All(r => r.AllProjected);

Console.WriteLine();
Console.WriteLine($"Projection ({projectionWorkers:N0} workers per run, {runs} runs): {messagesPerSecond} msg/s, {eventsPerSecond} events/s (goal ≥ 5,000 events/s); CPU {cpuPerThousand} s per 1,000 events{(allProjected ? "" : "; NOT ALL PROJECTED")}");
Console.WriteLine($"Lookup with {population:N0} workers: p50 {lookupP50} ms, p99 {lookupP99} ms (goal p99 ≤ 20 ms)");
Console.WriteLine($"Summary with {population:N0} workers: p50 {summaryP50} ms, p99 {summaryP99} ms (goal ≤ 200 ms)");

if (record)
{
    var row = $"| {DateTime.UtcNow:yyyy-MM-dd} | {Machine.Describe()} | {Machine.Commit()} | {messagesPerSecond} | {eventsPerSecond} | {cpuPerThousand} | " +
              $"{population:N0} | {lookupP50} | {lookupP99} | {summaryP50} | {summaryP99} | {listP99} | {queries.SeedTime.TotalSeconds:0} s | {string.Join(", ", loads)} |";
    Console.WriteLine($"Recorded in {Report.Append(row)}");
}

return allProjected ? 0 : 1;
