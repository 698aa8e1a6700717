using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// What one population preview evaluates with: both rule sets, one stopped clock, and the unique values handed out (null
/// when neither rule set uses SelectUniqueValue).
/// </summary>
internal sealed record PreviewContext(RuleSet Running, RuleSet Candidate, TimeProvider Clock, UniqueValues? Claims)
{
    /// <summary>The same options for both rule sets: randomness seeded per worker, so Guid() and RandomString agree.</summary>
    public EvaluationOptions Options(WorkerKey worker, int seed) => new()
    {
        Environment = new EvaluationEnvironment(Clock, Randomness.FromSeed(seed)),
        IsUnique = Claims is null ? null : (query, _) => ValueTask.FromResult(Claims.IsFree(query, worker)),
    };
}
