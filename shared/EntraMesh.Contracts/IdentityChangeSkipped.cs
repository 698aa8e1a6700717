using MassTransit;

namespace EntraMesh.Contracts;

/// <summary>Mapping decided to send nothing for a record (now).</summary>
[MessageUrn("entramesh:identity-change-skipped")]
[EntityName("entramesh.identity-change-skipped")]
[PublishedInBatches]
public sealed record IdentityChangeSkipped
{
    public required Guid RecordId { get; init; }
    public required string SourceId { get; init; }
    public required string WorkerId { get; init; }
    public required long Revision { get; init; }

    /// <summary>The target the decision concerns, when there is one.</summary>
    public string? Target { get; init; }

    public required SkipReason Reason { get; init; }

    /// <summary>For <see cref="SkipReason.Held"/>: when the change will be released.</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    /// <summary>Human-readable detail, e.g. the rule error for <see cref="SkipReason.Invalid"/>.</summary>
    public string? Detail { get; init; }

    public required DateTimeOffset SkippedAt { get; init; }
}
