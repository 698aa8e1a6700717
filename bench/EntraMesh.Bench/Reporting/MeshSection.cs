namespace EntraMesh.Bench.Reporting;

/// <summary>
/// docs/benchmarks.md: a row per scenario and invocation under <c>## Mesh</c>, one <c>### scenario</c> table each. The
/// section, a scenario's table and its description are created the first time they are needed; rows are added at the
/// end of their table.
/// </summary>
public static class MeshSection
{
    const string Heading = "## Mesh";

    static readonly string[] Introduction =
    [
        "`bench/EntraMesh.Bench` drives the whole mesh as it runs in production: every service a real process started by the launcher",
        "(`eng/EntraMesh.Launcher`) from the Release build, on its own PostgreSQL database and RabbitMQ virtual host (dropped afterwards),",
        "the Entra emulator over HTTPS, all traffic through the gateway. Every run starts a fresh mesh. Figures are medians over the runs",
        "with the spread (min–max); \"limited by\" and the CPU column (average cores used per process group during the measured phase,",
        "from /proc) say what bounds a figure on this 2-core machine, which other engineers' builds and tests share (PostgreSQL and",
        "RabbitMQ are shared servers: \"postgres (others)\" and \"rabbitmq\" include their load; \"others\" is everything else on the machine).",
        "",
        "How to run it:",
        "",
        "```bash",
        "eng/infra.sh up && eval \"$(eng/infra.sh env)\"",
        "dotnet run -c Release --project bench/EntraMesh.Bench                          # every scenario, 3 runs each, rows appended here",
        "dotnet run -c Release --project bench/EntraMesh.Bench -- --scenario economy --runs 1",
        "dotnet run -c Release --project bench/EntraMesh.Bench -- --quick --no-record   # small sizes, a smoke test (a few minutes)",
        "```",
        "",
        "Options: `--scenario all|throughput,latency,economy,leaver,csv`, `--runs N`, `--quick`, `--no-record` (print only),",
        "`--max-load L` (before each run wait, up to an hour, until the 1-minute load average is at most L), `--keep-logs` (keep each",
        "run's service logs under `$TMPDIR/entramesh-bench/`). The exit code is 0 when every goal was met.",
    ];

    public static void Append(ScenarioReport report, string file)
    {
        var lines = File.Exists(file) ? File.ReadAllLines(file).ToList() : ["# Benchmarks", ""];
        var section = lines.FindIndex(line => line.Trim() == Heading);
        if (section < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0) lines.Add("");
            lines.Add(Heading);
            lines.Add("");
            lines.AddRange(Introduction);
            section = lines.FindIndex(line => line.Trim() == Heading);
        }

        var sectionEnd = NextHeading(lines, section + 1, "## ");
        var title = "### " + report.Scenario.Title;
        var table = lines.FindIndex(section, sectionEnd - section, line => line.Trim() == title);
        if (table < 0)
        {
            var block = new List<string> { "", title, "" };
            block.AddRange(report.Scenario.Method.Split('\n'));
            block.Add("");
            block.AddRange(ScenarioReport.Header(report.Scenario));
            var at = TrimBlankBefore(lines, sectionEnd);
            if (at < lines.Count) block.Add("");
            lines.InsertRange(at, block);
            table = lines.FindIndex(section, line => line.Trim() == title);
        }

        var tableEnd = Math.Min(NextHeading(lines, table + 1, "## "), NextHeading(lines, table + 1, "### "));
        var insertAt = table + 1;
        for (var i = table + 1; i < tableEnd; i++)
        {
            if (lines[i].StartsWith('|')) insertAt = i + 1;
        }

        lines.Insert(insertAt, report.Row);
        File.WriteAllLines(file, lines);
        Console.WriteLine($"   appended to {file} ({title})");
    }

    static int NextHeading(List<string> lines, int from, string prefix)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal)) return i;
        }

        return lines.Count;
    }

    static int TrimBlankBefore(List<string> lines, int index)
    {
        while (index > 0 && lines[index - 1].Length == 0)
        {
            lines.RemoveAt(index - 1);
            index--;
        }

        return index;
    }
}
