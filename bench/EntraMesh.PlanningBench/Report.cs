using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EntraMesh.PlanningBench;

/// <summary>Medians with spread, the machine, and a row appended under <c>## Planning</c> in docs/benchmarks.md.</summary>
internal static class Report
{
    const string Heading = "## Planning";

    static readonly string[] Section =
    [
        Heading,
        "",
        "`dotnet run -c Release --project bench/EntraMesh.PlanningBench` (needs `eng/infra.sh up`) runs the built mapping service as a",
        "child process on its own database and virtual host with the CSV2SCIM sample rule set, publishes `WorkerRecordAccepted` to",
        "RabbitMQ as ingest's outbox would, and times until every record's `IdentityChangePlanned` or `IdentityChangeSkipped` was",
        "published by mapping's outbox and received from a queue: consume, classify, store, outbox, end to end. \"First",
        "appearances\" are new workers (joiners, and inactive workers skipped); \"changes\" are second revisions of the same workers,",
        "a quarter each updates, movers, unchanged records (skipped) and status flips (leavers and joiners). 20,000 records per",
        "scenario and run, after a warm-up of 10,000 of each; the median run with the slowest and fastest. CPU is the mapping process's CPU time per",
        "1,000 records. Goal: at least 2,000 records/s.",
        "",
        "| date | machine | commit | first appearances: records/s (min–max) | changes: records/s (min–max) | mapping CPU ms per 1,000 records | mapping peak RSS, MB | runs | goal 2,000/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ];

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Spread(IReadOnlyList<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values):N0} ({values.Min():N0}–{values.Max():N0})");

    public static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : null;
        var gigabytes = memory is null ? "?" : Math.Round(long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString(CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} cores, {gigabytes} GB, {model ?? "unknown CPU"}, {RuntimeInformation.OSDescription.Split('#')[0].Trim()}, " +
               $"load {Load()} at the end (shared machine)";
    }

    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = MappingProcess.RepositoryRoot(),
            })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    public static void Append(string row)
    {
        var path = Path.Combine(MappingProcess.RepositoryRoot(), "docs", "benchmarks.md");
        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# Benchmarks", ""];
        var heading = lines.FindIndex(line => line.Trim() == Heading);
        if (heading < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0) lines.Add("");
            lines.AddRange(Section);
            lines.Add(row);
        }
        else
        {
            var end = lines.FindIndex(heading + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
            if (end < 0) end = lines.Count;
            var lastRow = lines.FindLastIndex(end - 1, end - heading, line => line.StartsWith('|'));
            lines.Insert(lastRow < 0 ? end : lastRow + 1, row);
        }

        File.WriteAllLines(path, lines);
    }
}
