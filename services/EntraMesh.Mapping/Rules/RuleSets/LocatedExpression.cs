using EntraMesh.Mapping.Rules.Expressions;

namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>A compiled expression and where it is written in the rule-set file.</summary>
public sealed record LocatedExpression(RuleExpression Expression, ExpressionLocation Location)
{
    public SourcePosition Position => Location.Start;
}
