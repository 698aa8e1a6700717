namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>A custom attribute: its name, full path (<c>urn:…:Name</c>) and the target property it is mapped to, if any.</summary>
public sealed record SchemaAttribute(string Name, byte[] Utf8Name, string Path, string? Target);
