using EntraMesh.Contracts;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The changes in one target: counts by kind, how many workers each attribute changes for, and samples of each kind.</summary>
public sealed record TargetChangesResponse(
    string Target,
    IReadOnlyDictionary<ChangeKind, int> Changes,
    IReadOnlyDictionary<string, int> Attributes,
    IReadOnlyDictionary<ChangeKind, IReadOnlyList<ChangeSampleResponse>> Samples);
