namespace EntraMesh.Mapping.Holding;

/// <summary>
/// Wakes this process's <see cref="HeldChangeReleaser"/> when planning held a change that comes due before the releaser's
/// next look at the table. Take <see cref="Next"/> before looking, then wait on it: a notification in between is not lost.
/// </summary>
public sealed class HoldSignal
{
    TaskCompletionSource next = NewSource();

    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
