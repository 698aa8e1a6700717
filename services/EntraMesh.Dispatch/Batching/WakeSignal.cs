namespace EntraMesh.Dispatch.Batching;

/// <summary>Wakes every waiter at once (a new pending change, a call that finished); waiting never misses a wake that came after it began.</summary>
public sealed class WakeSignal
{
    TaskCompletionSource next = NewSource();

    public void Notify() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    /// <summary>Waits until notified or until <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        WaitAnyAsync([this], timeout, time, cancellationToken);

    /// <summary>Waits until any of <paramref name="signals"/> is notified or until <paramref name="timeout"/> passes.</summary>
    public static async Task WaitAnyAsync(IReadOnlyList<WakeSignal> signals, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var notified = signals.Select(signal => Volatile.Read(ref signal.next).Task).ToList();
        if (timeout <= TimeSpan.Zero) return;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        notified.Add(Task.Delay(timeout, time, timer.Token));
        await Task.WhenAny(notified);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
