using EntraMesh.Dispatch.Batching;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Dispatch.Tests.Batching;

public sealed class WakeSignalTests
{
    [Fact]
    public async Task Waiter_wakes_when_either_signal_is_notified()
    {
        var time = new FakeTimeProvider();
        var arrived = new WakeSignal();
        var finished = new WakeSignal();

        var waiting = WakeSignal.WaitAnyAsync([arrived, finished], TimeSpan.FromMinutes(1), time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        finished.Notify();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Waiter_wakes_when_the_timeout_passes_without_a_signal()
    {
        var time = new FakeTimeProvider();
        var signal = new WakeSignal();

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(1), time, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
