namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>A present attribute: canonical path and value (null clears it).</summary>
public readonly record struct ScimValue(string Path, string? Value, SchemaAttribute? Custom = null);
