namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>A compiled rule set, or every error found in its file (sorted by position).</summary>
public sealed record RuleSetLoad(RuleSet? RuleSet, IReadOnlyList<RuleSetError> Errors)
{
    public bool Succeeded => RuleSet is not null;
}
