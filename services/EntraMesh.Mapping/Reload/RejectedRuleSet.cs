using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Reload;

/// <summary>A rule-set file the reloader refused: its hash, when, its errors and the test cases that failed.</summary>
public sealed record RejectedRuleSet(
    string ContentHash, string? Version, DateTimeOffset RejectedAt, IReadOnlyList<RuleSetError> Errors, IReadOnlyList<string> FailedTests);
