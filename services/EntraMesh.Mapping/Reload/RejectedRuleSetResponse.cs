using EntraMesh.Mapping.Rules.Preview;

namespace EntraMesh.Mapping.Reload;

/// <summary>A changed rule-set file the reloader refused: why, with positions.</summary>
public sealed record RejectedRuleSetResponse(
    string ContentHash, string? Version, DateTimeOffset RejectedAt, IReadOnlyList<RuleSetErrorResponse> Errors, IReadOnlyList<string> FailedTests);
