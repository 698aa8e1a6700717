using EntraMesh.Contracts;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>One change the candidate rules would make for one worker in one target, with the values that differ.</summary>
public sealed record PreviewChange(string Target, ChangeKind Kind, IReadOnlyList<string> ChangedAttributes, IReadOnlyList<ValueChangeResponse> Values);
