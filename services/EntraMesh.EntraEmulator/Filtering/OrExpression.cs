namespace EntraMesh.EntraEmulator.Filtering;

/// <summary><c>left or right</c>.</summary>
public sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression;
