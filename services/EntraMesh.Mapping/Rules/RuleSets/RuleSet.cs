using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.TestCases;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>
/// A compiled, immutable rule set: parsed and checked once (<see cref="RuleSetLoader"/>), then shared by every
/// evaluation on any thread. One call of <see cref="EvaluateAsync"/> maps one worker record.
/// </summary>
public sealed class RuleSet
{
    public required string Version { get; init; }

    public string? Description { get; init; }

    public required OrganisationSettings Organisation { get; init; }

    /// <summary>In file order: the first target whose filters take a record is the worker's target.</summary>
    public required IReadOnlyList<RuleTarget> Targets { get; init; }

    public IReadOnlyList<RuleTestCase> TestCases { get; init; } = [];

    /// <summary>Where the rule set came from (a file name, "request"), for messages.</summary>
    public required string SourceName { get; init; }

    /// <summary>SHA-256 of the rule set's text: two rule sets with the same hash are the same rules.</summary>
    public required string ContentHash { get; init; }

    public RuleTarget? FindTarget(string name) =>
        Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Maps one worker record: per target whether it is in scope and through which filter, and for the worker's target
    /// the SCIM data as dispatch will send it, <c>active</c>, the OU, or the rule error. Completes synchronously unless
    /// a SelectUniqueValue waits for <see cref="EvaluationOptions.IsUnique"/>.
    /// </summary>
    public ValueTask<RuleEvaluation> EvaluateAsync(
        WorkerRecord record, EvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
        RuleEvaluator.EvaluateAsync(this, record, options ?? EvaluationOptions.Default, cancellationToken);

    public override string ToString() => $"{SourceName} (version {Version})";
}
