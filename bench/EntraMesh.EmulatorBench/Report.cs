using System.Globalization;
using System.Text;
using EntraMesh.Benchmarking;

namespace EntraMesh.EmulatorBench;

/// <summary>Medians and spread of the runs, printed and appended as a row under "## Entra emulator" in docs/benchmarks.md.</summary>
public sealed record Report(string Summary, string Row, bool MetGoal)
{
    const string Heading = "## Entra emulator";

    public static Report From(IReadOnlyList<RunResult> runs, BenchOptions options)
    {
        var calls = Stats.Median(runs.Select(run => run.CallsPerSecond));
        var low = runs.Min(run => run.CallsPerSecond);
        var high = runs.Max(run => run.CallsPerSecond);
        var processed = Stats.Median(runs.Select(run => run.OperationsProcessedPerSecond));
        var p50 = Stats.Median(runs.Select(run => run.P50Milliseconds));
        var p99 = Stats.Median(runs.Select(run => run.P99Milliseconds));
        var errors = runs.Sum(run => run.Errors);
        var met = low >= BenchOptions.GoalCallsPerSecond && errors == 0;
        var machine = Machine.Describe();
        var commit = Machine.Commit();
        var spread = calls == 0 ? 0 : (high - low) / calls * 100;
        var loads = string.Join(" ", runs.Select(run => run.LoadBefore));

        var summary = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"median {calls:0} calls/s = {calls * 50:0} operations/s accepted (runs {low:0} to {high:0}, spread {spread:0}%), {errors} errors")
            .AppendLine(CultureInfo.InvariantCulture, $"median latency p50 {p50:0.0} ms, p99 {p99:0.0} ms; median processing {processed:0} operations/s")
            .AppendLine(CultureInfo.InvariantCulture, $"goal >= {BenchOptions.GoalCallsPerSecond:0} calls/s in every run: {(met ? "met" : "MISSED")}")
            .Append(CultureInfo.InvariantCulture, $"machine: {machine}; load average before each run: {loads}; commit {commit}")
            .ToString();
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {DateTime.UtcNow:yyyy-MM-dd} | {machine}; load {loads} | {commit} | {options.Runs} x {options.Duration.TotalSeconds:0} s, {options.Concurrency} clients | "
            + $"**{calls:0}** ({low:0}-{high:0}) | {calls * 50:0} | {p50:0.0} / {p99:0.0} ms | {processed:0} | {errors} | {(met ? "met" : "missed")} |");
        return new Report(summary, row, met);
    }

    static readonly string[] Section =
    [
        "`dotnet run -c Release --project bench/EntraMesh.EmulatorBench` starts the emulator in-process with the call limits off and posts",
        "pre-built bulk requests of 50 full users (creates, then updates of a 20,000-worker pool, managers in the same request) from",
        "concurrent HTTPS clients on the same machine, in a closed loop. Calls/s counts 202 answers; \"processed\" is how many operations per",
        "second the emulator turned into directory changes and log entries (run plus drain). Goal: at least 300 calls/s in every run.",
        "The machine is shared with other engineers' builds: the 1-minute load average before each run is in the machine column.",
        "",
        "| date | machine | commit | runs | calls/s median (min-max) | operations/s | latency p50 / p99 | processed ops/s | errors | goal |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ];

    public static void Append(Report report, string file) =>
        Console.WriteLine($"appended to {BenchmarksFile.Append(Heading, Section, report.Row, file)}");
}
