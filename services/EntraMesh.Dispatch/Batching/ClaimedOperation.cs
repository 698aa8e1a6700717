using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.Batching;

/// <summary>An operation reserved for a call. <see cref="BulkId"/> (the change id) ties the bulk operation to its change.</summary>
public sealed record ClaimedOperation(
    Guid ChangeId,
    Guid RecordId,
    string SourceId,
    string WorkerId,
    long Revision,
    ChangeKind Kind,
    ChangePriority Priority,
    string ExternalId,
    string Data,
    DateTimeOffset PlannedAt)
{
    public string BulkId => ChangeId.ToString("D");
}
