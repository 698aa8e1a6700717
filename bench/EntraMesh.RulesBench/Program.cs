using System.Diagnostics;
using System.Globalization;
using EntraMesh.Benchmarking;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.RulesBench;

// Usage: dotnet run -c Release --project bench/EntraMesh.RulesBench [-- --records 100000 --runs 5 --no-write]
const double Csv2ScimRowsPerSecond = 2_000;
const double Goal = 50_000;
var records = Option("--records", 100_000);
var runs = Option("--runs", 5);
var write = !args.Contains("--no-write");

var root = Repository.Root();
PinToOneCore();
var ruleSet = RuleSetLoader.Load(File.ReadAllText(Path.Combine(root, "samples", "rules", "csv2scim.yaml")), "csv2scim.yaml").RuleSet
    ?? throw new InvalidOperationException("samples/rules/csv2scim.yaml does not load; run `rules test` on it.");
var workers = RecordGenerator.Generate(records)
    .Select(attributes => new WorkerRecord { WorkerId = attributes["WorkerID"]!, SourceId = "bench", Attributes = attributes })
    .ToList();
var machine = $"{Machine.Describe()}, load average {Machine.Load()} (shared machine)";
var commit = Machine.Commit();
Console.WriteLine($"Rule engine benchmark: {records:N0} records, {runs} runs, on {machine}; commit {commit}");

// Warm-up: let tiered compilation and dynamic PGO settle before anything is measured.
for (var warmUp = 0; warmUp < 2; warmUp++) RuleBenchmark.Run(ruleSet, workers, serialise: warmUp == 1);

var summaries = new[] { false, true }.Select(serialise =>
{
    var results = new List<RunResult>();
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        results.Add(RuleBenchmark.Run(ruleSet, workers, serialise));
        var last = results[^1];
        Console.WriteLine($"  {(serialise ? "evaluate + JSON" : "evaluate"),-16} run {run + 1}: {last.RecordsPerSecond,10:N0} records/s, " +
            $"{last.BytesPerRecord,7:N0} bytes/record ({last.Selected:N0} mapped, {last.Errors} errors, {last.Elapsed.TotalMilliseconds:N0} ms)");
    }

    return Summary.Of(serialise ? "evaluate + JSON" : "evaluate", results);
}).ToList();

foreach (var summary in summaries)
{
    Console.WriteLine($"{summary.Mode}: median {summary.MedianRecordsPerSecond:N0} records/s (min {summary.MinRecordsPerSecond:N0}, max " +
        $"{summary.MaxRecordsPerSecond:N0}), {summary.MedianBytesPerRecord:N0} bytes allocated per record; " +
        $"{summary.MedianRecordsPerSecond / Csv2ScimRowsPerSecond:N0}x CSV2SCIM; goal {Goal:N0}/s {(summary.MedianRecordsPerSecond >= Goal ? "met" : "MISSED")}");
}

if (write)
{
    var (evaluate, json) = (summaries[0], summaries[1]);
    var row = string.Create(CultureInfo.InvariantCulture,
        $"| {DateTime.UtcNow:yyyy-MM-dd} | {machine} | {commit} | {evaluate.MedianRecordsPerSecond:N0} ({evaluate.MinRecordsPerSecond:N0}–{evaluate.MaxRecordsPerSecond:N0}) " +
        $"| {evaluate.MedianBytesPerRecord:N0} | {json.MedianRecordsPerSecond:N0} ({json.MinRecordsPerSecond:N0}–{json.MaxRecordsPerSecond:N0}) | {json.MedianBytesPerRecord:N0} " +
        $"| {evaluate.MedianRecordsPerSecond / Csv2ScimRowsPerSecond:N0}x | {(evaluate.MedianRecordsPerSecond >= Goal ? "met" : "missed")} |");
    RulesBenchmarksSection.Append(row);
    Console.WriteLine("Appended to docs/benchmarks.md under '## Rule engine'.");
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static void PinToOneCore()
{
    if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;
    Thread.CurrentThread.Priority = ThreadPriority.Highest;
}
