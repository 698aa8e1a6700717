namespace EntraMesh.Dispatch.Pending;

/// <summary>What storing a planned change did.</summary>
public abstract record EnqueueOutcome
{
    /// <summary>Now pending; <paramref name="SupersededRevision"/> is the revision of the pending change it replaced.</summary>
    public sealed record Queued(DateTimeOffset QueuedAt, long? SupersededRevision) : EnqueueOutcome;

    /// <summary>A newer revision of the worker is already pending or sent for this target (or the change is known).</summary>
    public sealed record Ignored(long LatestRevision) : EnqueueOutcome;
}
