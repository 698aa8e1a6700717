using System.Text.Json.Nodes;
using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>What to send for one worker to one target, as mapping planned it.</summary>
[MessageUrn("entramesh:identity-change-planned")]
[EntityName("entramesh.identity-change-planned")]
[PublishedInBatches]
public sealed record IdentityChangePlanned
{
    /// <summary>Unique per plan; a replay of the same record gets a new one.</summary>
    public required Guid ChangeId { get; init; }
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required long Revision { get; init; }

    /// <summary>The rule set's target name; dispatch maps it to a tenant, service principal and job.</summary>
    public required string Target { get; init; }

    public required ChangeKind ChangeKind { get; init; }
    public required ChangePriority Priority { get; init; }

    /// <summary>The SCIM user object to send as the bulk operation's <c>data</c>.</summary>
    public required JsonObject Data { get; init; }

    /// <summary>Names of the SCIM attributes that differ from the last planned identity (all of them for a joiner).</summary>
    public required IReadOnlyList<string> ChangedAttributes { get; init; }

    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>Version of the rule set that produced the plan.</summary>
    public string? RuleSetVersion { get; init; }
}
