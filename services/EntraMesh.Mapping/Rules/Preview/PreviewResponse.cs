using System.Text.Json.Nodes;
using EntraMesh.Mapping.Rules.RuleSets;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>
/// The answer to POST /api/rules/preview: the worker's target (null when out of scope), the SCIM data as dispatch would
/// send it (redacted values shown as [Redact]), and for each value the filter and expression that produced it.
/// </summary>
public sealed record PreviewResponse
{
    public required string RuleSetVersion { get; init; }

    /// <summary>"running" or "candidate".</summary>
    public required string RuleSetSource { get; init; }

    public string? Target { get; init; }

    public TargetKind? Kind { get; init; }

    public string? Filter { get; init; }

    public bool? Active { get; init; }

    public string? ParentDistinguishedName { get; init; }

    public JsonObject? Data { get; init; }

    public PreviewErrorResponse? Error { get; init; }

    public IReadOnlyList<PreviewValueResponse> Values { get; init; } = [];

    public IReadOnlyList<PreviewTargetResponse> Targets { get; init; } = [];

    public IReadOnlyList<string> CreationOnlyAttributes { get; init; } = [];

    public DateTimeOffset? ProvisionFrom { get; init; }

    public DateTimeOffset? TerminationAt { get; init; }
}
