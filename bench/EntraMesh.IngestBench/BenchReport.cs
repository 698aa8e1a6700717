using System.Diagnostics;
using System.Globalization;

namespace EntraMesh.IngestBench;

/// <summary>Medians with spread, the machine, and a row appended under <c>## Ingest</c> in docs/benchmarks.md.</summary>
public static class BenchReport
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Spread(IReadOnlyList<double> values, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");

    public static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var gigabytes = memory is null ? "?" : Math.Round(long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString(CultureInfo.InvariantCulture);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} cores, {gigabytes} GB, {model ?? "unknown CPU"}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Split('#')[0].Trim()}, load {load} at the end (shared machine)";
    }

    public static string Commit()
    {
        try
        {
            var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, WorkingDirectory = ServiceProcess.RepositoryRoot() })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    public static void Append(string row)
    {
        var path = Path.Combine(ServiceProcess.RepositoryRoot(), "docs", "benchmarks.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        const string heading = "## Ingest";
        const string table =
            "| date | machine | commit | webhooks through the gateway into RabbitMQ, records/s (median, min–max) | 100,000-row CSV fully accepted, s (median, min–max) | ingest peak RSS during the CSV, MB (max) | runs |\n" +
            "|---|---|---|---|---|---|---|\n";
        if (!text.Contains(heading, StringComparison.Ordinal))
        {
            text = text.TrimEnd() + "\n\n" + heading + "\n\n" +
                   "Produced by `dotnet run -c Release --project bench/EntraMesh.IngestBench` (needs `eng/infra.sh up`). Webhooks: signed " +
                   "batches of 100 records posted to the gateway by 8 concurrent clients, timed until every record was published by the " +
                   "outbox and routed to a queue. CSV: a generated CSV2SCIM-shaped file uploaded through the gateway, timed until the " +
                   "import reports done; peak memory is the ingest process's VmHWM.\n\n" + table;
        }

        var start = text.IndexOf(heading, StringComparison.Ordinal);
        var next = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        var insertAt = next < 0 ? text.TrimEnd().Length : next;
        text = text[..insertAt].TrimEnd() + "\n" + row + "\n" + (next < 0 ? "" : "\n" + text[(next + 1)..]);
        File.WriteAllText(path, text);
    }
}
