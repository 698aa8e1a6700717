namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>A worker the candidate rules cannot map: the target, attribute, position in the rule set and the engine's message.</summary>
public sealed record InvalidSampleResponse(string SourceId, string WorkerId, string Target, string Attribute, int Line, int Column, string Message);
