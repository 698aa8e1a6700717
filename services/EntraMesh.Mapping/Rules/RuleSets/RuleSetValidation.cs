using EntraMesh.Mapping.Rules.TestCases;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>A rule set's errors and test results: valid when it compiled and every test case passed.</summary>
public sealed record RuleSetValidation(RuleSet? RuleSet, IReadOnlyList<RuleSetError> Errors, IReadOnlyList<RuleTestResult> Tests)
{
    public bool Valid => RuleSet is not null && Errors.Count == 0 && Tests.All(t => t.Passed);
}
