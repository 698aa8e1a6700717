using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Preview;

public sealed record TargetSummaryResponse(string Name, TargetKind Kind, IReadOnlyList<string> Filters, int Mappings);
