namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The candidate's own test cases: how many, and the names of those that fail (the reloader would refuse it).</summary>
public sealed record TestCasesResponse(int Total, IReadOnlyList<string> Failed);
