using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>One value of the preview and what produced it: the filter that took the record and the expression, with its position.</summary>
public sealed record PreviewValueResponse
{
    public required string Attribute { get; init; }

    public JsonNode? Value { get; init; }

    public required bool Sent { get; init; }

    public string? OmittedBecause { get; init; }

    public required string Expression { get; init; }

    public MappingSource? Kind { get; init; }

    public required int Line { get; init; }

    public required int Column { get; init; }

    public string? Filter { get; init; }

    public bool Redacted { get; init; }
}
