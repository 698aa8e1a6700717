using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>The outcome of one test case: passed, or every expectation that failed with its position.</summary>
public sealed record RuleTestResult(string Name, SourcePosition Position, IReadOnlyList<RuleTestFailure> Failures)
{
    public bool Passed => Failures.Count == 0;
}
