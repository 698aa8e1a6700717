namespace EntraMesh.EntraEmulator.Filtering;

/// <summary><c>function(property, literal)</c>: contains, startswith, endswith.</summary>
public sealed record FunctionExpression(string Function, string Property, FilterLiteral Value) : FilterExpression;
