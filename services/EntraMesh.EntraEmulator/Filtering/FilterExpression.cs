namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>A parsed OData <c>$filter</c>.</summary>
public abstract record FilterExpression;
