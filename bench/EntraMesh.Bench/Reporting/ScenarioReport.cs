using System.Globalization;
using System.Text;
using EntraMesh.Bench.Measures;
using EntraMesh.Bench.Scenarios;
using EntraMesh.Benchmarking;

namespace EntraMesh.Bench.Reporting;

/// <summary>The runs of one scenario summarised: medians with their spread, goals, what limits it; printed and as a table row.</summary>
public sealed record ScenarioReport(IScenario Scenario, string Summary, string Row, bool MetGoals)
{
    public static ScenarioReport From(IScenario scenario, IReadOnlyList<RunFigures> runs, BenchContext context)
    {
        var figures = new Figures(runs);
        var cpu = CpuProfile.Average(runs.Select(r => r.Cpu).ToList());
        var goals = scenario.Goals(figures);
        var met = goals.All(g => g.Met);
        var limitedBy = scenario.LimitedBy(figures, cpu);
        var loads = string.Join(" ", runs.Select(r => r.LoadBefore.ToString("0.00", CultureInfo.InvariantCulture)));
        var machine = Machine.Describe();
        var commit = Machine.Commit();
        var size = context.Quick ? " (--quick sizes)" : "";

        var summary = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"== {scenario.Title}: median of {runs.Count} run(s){size}");
        foreach (var column in scenario.Columns) summary.AppendLine(CultureInfo.InvariantCulture, $"   {column.Header}: {Cell(runs, column)}");
        foreach (var goal in goals) summary.AppendLine(CultureInfo.InvariantCulture, $"   goal {goal.Text}: {(goal.Met ? "met" : "MISSED")}");
        summary.AppendLine(CultureInfo.InvariantCulture, $"   limited by: {limitedBy}");
        summary.AppendLine(CultureInfo.InvariantCulture, $"   CPU during the measurement (average of the runs): {cpu.Describe()}");
        summary.Append(CultureInfo.InvariantCulture, $"   machine: {machine}; 1-minute load average before each run: {loads}; commit {commit}");

        var cells = new List<string>
        {
            DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), machine, loads, commit,
            runs.Count.ToString(CultureInfo.InvariantCulture) + size,
        };
        cells.AddRange(scenario.Columns.Select(column => Cell(runs, column)));
        cells.Add(goals.Count == 0 ? "none set by the issue" : string.Join("; ", goals.Select(g => $"{g.Text}: {(g.Met ? "met" : "**missed**")}")));
        cells.Add(limitedBy);
        cells.Add(cpu.Describe());
        var row = "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "/", StringComparison.Ordinal))) + " |";
        return new ScenarioReport(scenario, summary.ToString(), row, met);
    }

    /// <summary>The table header of a scenario (fixed columns, its figures, goals, limits, CPU).</summary>
    public static IReadOnlyList<string> Header(IScenario scenario)
    {
        string[] headers = ["date", "machine", "load (1 min, before each run)", "commit", "runs", .. scenario.Columns.Select(c => c.Header), "goals", "limited by", "CPU (cores, average)"];
        return ["| " + string.Join(" | ", headers) + " |", "|" + string.Concat(Enumerable.Repeat("---|", headers.Length))];
    }

    /// <summary>"median (min–max)", or the value alone for a single run.</summary>
    static string Cell(IReadOnlyList<RunFigures> runs, Column column)
    {
        var values = runs.Select(r => r[column.Figure]).Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length == 0) return "n/a";
        string Format(double value) => value.ToString(column.Format, CultureInfo.InvariantCulture);
        var median = Format(Stats.Median(values));
        return values.Length == 1 || values.Min() == values.Max() ? median : $"{median} ({Format(values.Min())}–{Format(values.Max())})";
    }
}
