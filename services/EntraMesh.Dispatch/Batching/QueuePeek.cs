namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// How many changes may go now (up to a batch), how long the oldest of them has waited, and how long ago the newest
/// arrived; and of those, how many are urgent (leavers, joiners, rehires) and how long the oldest urgent one has waited.
/// </summary>
public sealed record QueuePeek(int Waiting, TimeSpan OldestWaited, TimeSpan SinceNewest, int Urgent, TimeSpan UrgentOldestWaited)
{
    /// <summary>Nothing waits.</summary>
    public static readonly QueuePeek Empty = new(0, TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.Zero);
}
