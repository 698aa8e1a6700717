namespace EntraMesh.Dispatch.Batching;

/// <summary>How many changes may go now (up to a batch), and how long the oldest of them has waited.</summary>
public sealed record QueuePeek(int Waiting, TimeSpan OldestWaited);
