using EntraMesh.Bench.Measures;
using EntraMesh.Benchmarking;

namespace EntraMesh.Bench.Reporting;

/// <summary>The figures of all runs of a scenario: median, lowest and highest of each.</summary>
public sealed class Figures(IReadOnlyList<RunFigures> runs)
{
    public int Runs => runs.Count;

    public double Median(string figure) => Stats.Median(Values(figure));

    public double Min(string figure) => Values(figure).DefaultIfEmpty(double.NaN).Min();

    public double Max(string figure) => Values(figure).DefaultIfEmpty(double.NaN).Max();

    IEnumerable<double> Values(string figure) => runs.Select(r => r[figure]).Where(v => !double.IsNaN(v));
}
