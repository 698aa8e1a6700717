namespace EntraMesh.EntraEmulator.Filtering;

/// <summary><c>not operand</c>.</summary>
public sealed record NotExpression(FilterExpression Operand) : FilterExpression;
