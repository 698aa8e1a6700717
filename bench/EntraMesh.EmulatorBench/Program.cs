using EntraMesh.EmulatorBench;

// Starts the emulator in-process (limits off), then drives bulkUpload from concurrent HTTPS clients on the same machine,
// several runs, and reports medians, spread and whether processing kept up. Appends a row to docs/benchmarks.md.
var options = BenchOptions.Parse(args);
await using var emulator = await BenchEmulator.StartAsync();
var workload = Workload.Create(options.Workers, options.Bodies);

Console.WriteLine($"Entra emulator bulkUpload benchmark: {options.Runs} runs of {options.Duration.TotalSeconds:0} s, {options.Concurrency} concurrent clients, 50 operations per call");
await LoadRun.ExecuteAsync(emulator, workload, options.Concurrency, options.Warmup, warmup: true);

var results = new List<RunResult>();
for (var run = 1; run <= options.Runs; run++)
{
    var result = await LoadRun.ExecuteAsync(emulator, workload, options.Concurrency, options.Duration, warmup: false);
    results.Add(result);
    Console.WriteLine($"  run {run}: {result}");
}

var report = Report.From(results, options);
Console.WriteLine(report.Summary);
if (options.Record) Report.Append(report, options.BenchmarksFile);
return report.MetGoal ? 0 : 1;
