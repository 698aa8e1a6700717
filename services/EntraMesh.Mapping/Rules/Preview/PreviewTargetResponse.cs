using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>How one target saw the record: in scope through which filter, and whether it is the worker's target.</summary>
public sealed record PreviewTargetResponse(string Name, TargetKind Kind, bool InScope, bool Selected, string? Filter);
