using EntraMesh.Mapping.Rules.Evaluation;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>What the candidate rules change for one worker compared with the running rules.</summary>
public sealed record WorkerComparison
{
    public string? RunningTarget { get; init; }

    public string? CandidateTarget { get; init; }

    /// <summary>The candidate rules cannot map the worker (the running ones may).</summary>
    public RuleError? CandidateError { get; init; }

    /// <summary>The running rules cannot map the worker: there is nothing to compare with.</summary>
    public bool RunningError { get; init; }

    public IReadOnlyList<PreviewChange> Changes { get; init; } = [];

    /// <summary>The OU in the worker's target before and after, when it changes within one target.</summary>
    public (string Target, string? Before, string? After)? OuChange { get; init; }
}
