namespace EntraMesh.Dispatch.Batching;

/// <summary>Wakes every waiter at once (a new pending change, a call that finished); waiting never misses a wake that came after it began.</summary>
public sealed class WakeSignal
{
    TaskCompletionSource next = NewSource();

    public void Notify() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    /// <summary>Waits until notified or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var notified = Volatile.Read(ref next).Task;
        if (timeout <= TimeSpan.Zero) return;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(notified, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
