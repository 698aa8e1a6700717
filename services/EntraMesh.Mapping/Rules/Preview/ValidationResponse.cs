namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>
/// The answer to POST /api/rules/validate: valid when the rule set compiled and every test case passed; otherwise every
/// error with its position and every failed expectation.
/// </summary>
public sealed record ValidationResponse
{
    public required bool Valid { get; init; }

    public string? Version { get; init; }

    /// <summary>SHA-256 of the rule set's text.</summary>
    public string? ContentHash { get; init; }

    public IReadOnlyList<TargetSummaryResponse> Targets { get; init; } = [];

    public required IReadOnlyList<RuleSetErrorResponse> Errors { get; init; }

    public required IReadOnlyList<RuleTestResponse> Tests { get; init; }
}
