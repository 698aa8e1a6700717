using EntraMesh.Bench.Reporting;

namespace EntraMesh.Bench.Scenarios;

/// <summary>One scenario of issue 10: runs on a mesh of its own, returns its figures, and knows its goals.</summary>
public interface IScenario
{
    /// <summary>The command-line name (<c>--scenario economy</c>).</summary>
    string Name { get; }

    /// <summary>The heading of its table in docs/benchmarks.md.</summary>
    string Title { get; }

    /// <summary>How it is measured, written above its table when the table is created.</summary>
    string Method { get; }

    /// <summary>The figures of its table, in order.</summary>
    IReadOnlyList<Column> Columns { get; }

    Task<RunFigures> RunAsync(BenchContext context, CancellationToken cancellationToken);

    /// <summary>The goals checked against the runs' figures (medians unless a goal says otherwise).</summary>
    IReadOnlyList<GoalCheck> Goals(Figures figures);

    /// <summary>What the figures say limits the scenario (from the figures and where the CPU went).</summary>
    string LimitedBy(Figures figures, Measures.CpuProfile cpu);
}
