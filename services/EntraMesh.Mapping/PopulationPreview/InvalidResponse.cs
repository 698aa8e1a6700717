namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>Workers the candidate rules cannot map (nothing would be sent for them), with samples.</summary>
public sealed record InvalidResponse(int Count, IReadOnlyList<InvalidSampleResponse> Samples);
