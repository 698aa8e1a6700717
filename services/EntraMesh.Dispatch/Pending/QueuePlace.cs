using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.Pending;

/// <summary>What decides where a pending change stands in its target's line, and how it is labelled when sent.</summary>
public readonly record struct QueuePlace(ChangeKind Kind, ChangePriority Priority, DateTimeOffset PlannedAt, DateTimeOffset QueuedAt);
