namespace EntraMesh.Mapping.Rules.Expressions.Syntax;

/// <summary>The comparison operators Entra allows in conditions (IIF, CBool).</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}
