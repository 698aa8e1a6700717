namespace EntraMesh.Bench.Reporting;

/// <summary>A figure shown in a scenario's table: header, the figure's key, its number format.</summary>
public sealed record Column(string Header, string Figure, string Format = "N0");
