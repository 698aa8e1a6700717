namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>Workers the candidate rules move from one OU to another within a target.</summary>
public sealed record OuChangeResponse(string Target, string? From, string? To, int Count);
