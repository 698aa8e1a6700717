using System.Text.Json.Nodes;
using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.Pending;

/// <summary>A planned change as dispatch stores it: one bulk operation for one worker and target.</summary>
public sealed record PlannedOperation
{
    public required Guid ChangeId { get; init; }
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required long Revision { get; init; }

    /// <summary>The configured target name (its canonical spelling).</summary>
    public required string Target { get; init; }

    public required ChangeKind Kind { get; init; }
    public required ChangePriority Priority { get; init; }
    public required string ExternalId { get; init; }

    /// <summary>The SCIM user, as JSON text.</summary>
    public required string Data { get; init; }

    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>The operation for <paramref name="message"/>, or the reason it cannot be sent.</summary>
    public static PlannedOperation? From(IdentityChangePlanned message, string target, out string? error)
    {
        var externalId = ExternalIdOf(message.Data);
        if (string.IsNullOrWhiteSpace(externalId))
        {
            error = "the planned SCIM user has no externalId (Entra matches users on it)";
            return null;
        }

        error = null;
        return new PlannedOperation
        {
            ChangeId = message.ChangeId,
            RecordId = message.RecordId,
            SourceId = message.SourceId,
            WorkerId = message.WorkerId,
            Revision = message.Revision,
            Target = target,
            Kind = message.ChangeKind,
            Priority = message.Priority,
            ExternalId = externalId,
            Data = message.Data.ToJsonString(),
            PlannedAt = message.PlannedAt,
        };
    }

    /// <summary>SCIM attribute names are case-insensitive: <c>externalId</c> in any casing.</summary>
    static string? ExternalIdOf(JsonObject data)
    {
        foreach (var (name, value) in data)
        {
            if (string.Equals(name, "externalId", StringComparison.OrdinalIgnoreCase) && value is JsonValue scalar)
            {
                return scalar.TryGetValue<string>(out var text) ? text : scalar.ToJsonString().Trim('"');
            }
        }

        return null;
    }
}
