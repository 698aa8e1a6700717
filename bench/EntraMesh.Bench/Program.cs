using EntraMesh.Bench;
using EntraMesh.Bench.Reporting;
using EntraMesh.Bench.Scenarios;
using EntraMesh.Benchmarking;

// The whole mesh under load, scenario by scenario (issue 10). Needs eng/infra.sh's servers: eval "$(eng/infra.sh env)".
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

var context = BenchContext.Create(options);
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
Console.WriteLine($"machine: {Machine.Describe()}; commit {Machine.Commit()}; services from the {context.Configuration} build");
if (context.Configuration != "Release") Console.WriteLine("  note: figures are meaningful only from the Release build (dotnet run -c Release)");

var allMet = true;
foreach (var scenario in ScenarioCatalog.Select(options.Scenarios))
{
    var runs = new List<RunFigures>();
    for (var run = 1; run <= options.Runs; run++)
    {
        if (options.MaxLoad is { } limit) await Machine.WaitForQuietAsync(limit, stopping.Token);
        Console.WriteLine($"-- {scenario.Title}, run {run} of {options.Runs}{(options.Quick ? " (--quick)" : "")}; load average {Machine.LoadAverage():0.00}");
        runs.Add(await scenario.RunAsync(context, stopping.Token));
    }

    var report = ScenarioReport.From(scenario, runs, context);
    Console.WriteLine(report.Summary);
    if (options.Record) MeshSection.Append(report, Path.Combine(context.Root, "docs", "benchmarks.md"));
    allMet &= report.MetGoals;
}

return allMet ? 0 : 1;
