using System.Text.Json.Nodes;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>One attribute of a sample: its value with the running rules and with the candidate (<c>[Redact]</c> when redacted).</summary>
public sealed record ValueChangeResponse(string Attribute, JsonNode? Before, JsonNode? After);
