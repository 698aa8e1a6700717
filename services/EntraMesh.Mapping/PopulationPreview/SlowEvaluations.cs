using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.Rules.Evaluation;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// Counts workers whose evaluation took at least <see cref="Threshold"/> during one population preview. A worker is
/// evaluated in microseconds; one that takes a second hit the regular-expression time limit (catastrophic
/// backtracking) or rules as expensive. After <c>PopulationPreview:MaxSlowWorkers</c> of them the preview stops, so a
/// candidate rule set cannot keep the service busy for a second per worker.
/// </summary>
internal sealed class SlowEvaluations(int limit)
{
    /// <summary>The regular-expression time limit of scoping filters and Replace.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    int count;
    int evaluated;

    public PopulationPreviewTooSlowException? Stopped { get; private set; }

    /// <summary>Records one evaluated worker; throws when it was the slow worker too many.</summary>
    public void Observe(WorkerKey worker, TimeSpan took, RuleError? error)
    {
        Interlocked.Increment(ref evaluated);
        if (took < Threshold || Interlocked.Increment(ref count) < limit) return;
        Stopped ??= new PopulationPreviewTooSlowException(limit, worker, Volatile.Read(ref evaluated), error);
        throw Stopped;
    }
}
