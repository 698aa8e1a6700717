namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>What the rules make of one worker record: one entry per target, in the rule set's order.</summary>
public sealed class RuleEvaluation
{
    public required string RuleSetVersion { get; init; }

    public required string WorkerId { get; init; }

    public required IReadOnlyList<TargetEvaluation> Targets { get; init; }

    /// <summary>The worker's target, or null when no target's filters take the record (out of scope).</summary>
    public TargetEvaluation? Selected => Targets.FirstOrDefault(t => t.Selected);

    /// <summary>Hire date minus the pre-hire window, at midnight in the organisation's time zone: provision a joiner from then.</summary>
    public DateTimeOffset? ProvisionFrom { get; init; }

    /// <summary>The termination date at midnight in the organisation's time zone: from then on the worker is inactive.</summary>
    public DateTimeOffset? TerminationAt { get; init; }

    /// <summary>The clock's time when the record was evaluated (Now() saw this instant).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }
}
