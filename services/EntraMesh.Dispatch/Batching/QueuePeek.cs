namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// How many changes may go now (up to a batch), how long the oldest of them has waited, and how long ago the newest
/// arrived.
/// </summary>
public sealed record QueuePeek(int Waiting, TimeSpan OldestWaited, TimeSpan SinceNewest);
