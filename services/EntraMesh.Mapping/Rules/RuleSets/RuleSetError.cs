namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>One problem in a rule set: where it is (line, column, and the YAML path), and what is wrong.</summary>
public sealed record RuleSetError(int Line, int Column, string Path, string Message)
{
    public override string ToString() => $"{Line}:{Column} {Path}: {Message}";
}
