namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>One test case of a rule set: passed, or the expectations that failed with their positions.</summary>
public sealed record RuleTestResponse(string Name, int Line, bool Passed, IReadOnlyList<RuleTestFailureResponse> Failures);
