namespace EntraMesh.Mapping.Holding;

/// <summary>
/// A row of <c>held_change</c>: the worker's record of <see cref="Revision"/> (its latest) is planned again at
/// <see cref="DueAt"/>. A worker has at most one; a newer record replaces it.
/// </summary>
public sealed record HeldChange(long Revision, Guid RecordId, HoldReason Reason, string? Target, DateTimeOffset DueAt, DateTimeOffset HeldAt);
