namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>A place in a rule-set file: 1-based line and column.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
