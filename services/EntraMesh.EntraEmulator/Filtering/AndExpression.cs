namespace EntraMesh.EntraEmulator.Filtering;

/// <summary><c>left and right</c>.</summary>
public sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression;
