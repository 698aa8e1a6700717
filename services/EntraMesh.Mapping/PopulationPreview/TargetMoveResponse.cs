namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>Workers the candidate rules move from one target to another (a leaver in one, a joiner in the other).</summary>
public sealed record TargetMoveResponse(string From, string To, int Count);
