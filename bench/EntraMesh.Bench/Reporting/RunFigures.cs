using EntraMesh.Bench.Measures;

namespace EntraMesh.Bench.Reporting;

/// <summary>What one run of a scenario measured: named figures, where the CPU went, and the load before it.</summary>
public sealed record RunFigures(IReadOnlyDictionary<string, double> Values, CpuProfile Cpu, double LoadBefore)
{
    public double this[string figure] => Values.TryGetValue(figure, out var value) ? value : double.NaN;
}
