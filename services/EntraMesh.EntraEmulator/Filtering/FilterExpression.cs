namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>A parsed OData <c>$filter</c>.</summary>
public abstract record FilterExpression;

public sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression;

public sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression;

public sealed record NotExpression(FilterExpression Operand) : FilterExpression;

/// <summary><c>property op literal</c>, e.g. <c>jobId eq 'x'</c>.</summary>
public sealed record ComparisonExpression(string Property, ComparisonOperator Operator, FilterLiteral Value) : FilterExpression;

/// <summary><c>function(property, literal)</c>: contains, startswith, endswith.</summary>
public sealed record FunctionExpression(string Function, string Property, FilterLiteral Value) : FilterExpression;
