using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>One value of an explained evaluation: what it is, which expression (and where) and which filter produced it.</summary>
public sealed record ValueProvenance
{
    /// <summary>The SCIM attribute (<c>externalId</c>, <c>active</c>, <c>parentDistinguishedName</c> or a mapping's path).</summary>
    public required string Attribute { get; init; }

    /// <summary>The value as sent; <c>[Redact]</c> for a redacted value; null when left out.</summary>
    public required JsonNode? Value { get; init; }

    public required string Expression { get; init; }

    public required SourcePosition Position { get; init; }

    public MappingSource? Kind { get; init; }

    /// <summary>The scoping filter that took the record into the target.</summary>
    public string? Filter { get; init; }

    public bool Sent { get; init; }

    /// <summary>Why the value is not in the payload: "null", "IgnoreFlowIfNullOrEmpty", "error".</summary>
    public string? OmittedBecause { get; init; }

    public bool Redacted { get; init; }
}
