namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>A <c>$filter</c> (or other query option) that cannot be parsed or is not supported; answered 400.</summary>
public sealed class FilterException(string message) : Exception(message);
