using System.Text.Json.Nodes;
using EntraMesh.Contracts;

namespace EntraMesh.Mapping.Planning;

/// <summary>
/// The identity last planned for a worker in one target (a row of <c>planned_identity</c>): the SCIM data as the rules
/// made it (creation-only attributes included), whether it is active, its OU, and the change that planned it.
/// </summary>
public sealed record PlannedIdentity
{
    public required string Target { get; init; }

    public required JsonObject Data { get; init; }

    public required bool Active { get; init; }

    public string? ParentDistinguishedName { get; init; }

    /// <summary>Attributes of <see cref="Data"/> whose mapping applies only when the object is created.</summary>
    public IReadOnlyList<string> CreationOnly { get; init; } = [];

    public required long Revision { get; init; }

    public required Guid RecordId { get; init; }

    public required Guid ChangeId { get; init; }

    public required ChangeKind Kind { get; init; }

    public required DateTimeOffset PlannedAt { get; init; }

    public required string RuleSetVersion { get; init; }
}
