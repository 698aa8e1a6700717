using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>
/// Evaluates one record against a compiled rule set: each target's filters in file order; the first target that takes
/// the record is the worker's target and gets its SCIM data built. Completes synchronously unless a SelectUniqueValue
/// has to wait for the caller's uniqueness check.
/// </summary>
internal static class RuleEvaluator
{
    public static ValueTask<RuleEvaluation> EvaluateAsync(
        RuleSet ruleSet, WorkerRecord record, EvaluationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var context = new EvaluationContext(record.Attributes, options.Environment);
        var terminationAt = record.TerminationDate is { } terminated ? ruleSet.Organisation.StartOfDay(terminated) : (DateTimeOffset?)null;
        var results = new TargetEvaluation[ruleSet.Targets.Count];
        var selected = -1;
        string? selectedFilter = null;
        for (var i = 0; i < results.Length; i++)
        {
            var target = ruleSet.Targets[i];
            var inScope = target.Scope.Matches(record.Attributes, out var filter);
            if (inScope && selected < 0)
            {
                selected = i;
                selectedFilter = filter;
                continue;
            }

            results[i] = new TargetEvaluation { Target = target, InScope = inScope, Filter = filter };
        }

        if (selected < 0) return ValueTask.FromResult(Complete(ruleSet, record, options, results));

        var chosen = ruleSet.Targets[selected];
        var builder = new TargetBuilder(chosen, selectedFilter!, record, context, options, terminationAt);
        if (options.IsUnique is { } isUnique && chosen.SelectsUniqueValues)
        {
            return BuildAsync(ruleSet, record, options, results, selected, builder.BuildAsync(isUnique, cancellationToken));
        }

        results[selected] = builder.Build();
        return ValueTask.FromResult(Complete(ruleSet, record, options, results));
    }

    static async ValueTask<RuleEvaluation> BuildAsync(
        RuleSet ruleSet, WorkerRecord record, EvaluationOptions options, TargetEvaluation[] results, int selected, ValueTask<TargetEvaluation> building)
    {
        results[selected] = await building;
        return Complete(ruleSet, record, options, results);
    }

    static RuleEvaluation Complete(RuleSet ruleSet, WorkerRecord record, EvaluationOptions options, TargetEvaluation[] results) => new()
    {
        RuleSetVersion = ruleSet.Version,
        WorkerId = record.WorkerId,
        Targets = results,
        ProvisionFrom = record.HireDate is { } hired ? ruleSet.Organisation.ProvisionFrom(hired) : null,
        TerminationAt = record.TerminationDate is { } terminated ? ruleSet.Organisation.StartOfDay(terminated) : null,
        EvaluatedAt = options.Environment.Time.GetUtcNow(),
    };
}
