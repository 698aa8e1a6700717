namespace EntraMesh.EntraEmulator.Filtering;

/// <summary><c>property op literal</c>, e.g. <c>jobId eq 'x'</c>.</summary>
public sealed record ComparisonExpression(string Property, ComparisonOperator Operator, FilterLiteral Value) : FilterExpression;
