using System.Text.Json.Nodes;
using EntraMesh.Contracts;

namespace EntraMesh.Mapping.Planning;

/// <summary>One change to send: the target, the kind and the identity (full data, before creation-only attributes are left out).</summary>
internal sealed record PlannedChange(
    string Target, ChangeKind Kind, JsonObject Data, bool Active, string? ParentDistinguishedName,
    IReadOnlyList<string> CreationOnly, IReadOnlyList<string> ChangedAttributes);
