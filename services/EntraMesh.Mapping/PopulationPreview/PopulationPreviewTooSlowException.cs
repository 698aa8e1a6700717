using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.Rules.Evaluation;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The candidate rule set took a second or more on too many workers; the preview was stopped (a 422 naming why).</summary>
public sealed class PopulationPreviewTooSlowException(int slowWorkers, WorkerKey lastSlow, int evaluated, RuleError? error)
    : Exception($"The candidate rule set took {SlowEvaluations.Threshold.TotalSeconds:0} s or more on each of {slowWorkers} workers " +
                $"(the last: worker {lastSlow.WorkerId} of source {lastSlow.SourceId}); the preview was stopped after {evaluated} workers. " +
                (error is null
                    ? "A regular expression in a scoping filter probably backtracks catastrophically: simplify it."
                    : $"The rules report for that worker: {error.Attribute} (line {error.Position.Line}, column {error.Position.Column}): {error.Message}"))
{
    public int SlowWorkers { get; } = slowWorkers;
}
