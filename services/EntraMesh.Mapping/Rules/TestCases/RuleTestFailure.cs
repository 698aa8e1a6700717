using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>One expectation that did not hold: where it is written and what happened instead.</summary>
public sealed record RuleTestFailure(SourcePosition Position, string Message)
{
    public override string ToString() => $"{Position.Line}:{Position.Column} {Message}";
}
