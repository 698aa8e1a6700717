using EntraMesh.Contracts;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>One worker the candidate rules change: the change, the attributes that differ and their values before and after.</summary>
public sealed record ChangeSampleResponse(
    string SourceId, string WorkerId, ChangeKind Kind, IReadOnlyList<string> ChangedAttributes, IReadOnlyList<ValueChangeResponse> Values);
