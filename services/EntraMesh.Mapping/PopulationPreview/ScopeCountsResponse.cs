namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>Workers in no target's scope, with the running rules and with the candidate.</summary>
public sealed record ScopeCountsResponse(int Running, int Candidate);
