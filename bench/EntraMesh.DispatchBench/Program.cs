using EntraMesh.Benchmarking;
using EntraMesh.DispatchBench;

// Dispatch against the Entra emulator over HTTPS, with real PostgreSQL and RabbitMQ (eval "$(eng/infra.sh env)" first).
var options = BenchOptions.Parse(args);
Console.WriteLine($"machine: {Machine.Describe()}; commit {Machine.Commit()}; backlog {options.Changes} changes");

var limited = new List<RunFigures>();
for (var run = 1; run <= options.LimitedRuns; run++)
{
    limited.Add(await DispatchRun.RunAsync(limited: true, options.Changes));
    Console.WriteLine($"at Entra's limits, run {run}: {Report.Describe(limited[^1], options.Changes)}");
}

var unlimited = new List<RunFigures>();
for (var run = 1; run <= options.UnlimitedRuns; run++)
{
    unlimited.Add(await DispatchRun.RunAsync(limited: false, options.Changes));
    Console.WriteLine($"limits off, run {run}: {Report.Describe(unlimited[^1], options.Changes)}");
}

var report = Report.From(limited, unlimited, options);
Console.WriteLine(report.Summary);
if (options.Record) Report.Append(report, Repository.BenchmarksFile);
return report.MetGoals ? 0 : 1;
