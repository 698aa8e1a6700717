using EntraMesh.Dispatch.Batching;

namespace EntraMesh.Dispatch.Tests.Batching;

public sealed class BatchTriggerTests
{
    static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    static TimeSpan? Decide(int waiting, int oldestMs, int newestMs) =>
        BatchTrigger.Decide(new QueuePeek(waiting, TimeSpan.FromMilliseconds(oldestMs), TimeSpan.FromMilliseconds(newestMs)), 50, Window, MaxDelay);

    [Fact]
    public void Full_batch_is_sent_at_once()
    {
        Assert.Equal(TimeSpan.Zero, Decide(50, oldestMs: 0, newestMs: 0));
    }

    [Fact]
    public void Partial_batch_waits_while_changes_keep_arriving()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(240), Decide(37, oldestMs: 900, newestMs: 10));
    }

    [Fact]
    public void Partial_batch_is_sent_once_no_change_arrived_for_the_window()
    {
        Assert.Equal(TimeSpan.Zero, Decide(1, oldestMs: 250, newestMs: 250));
    }

    [Fact]
    public void Steady_trickle_is_sent_when_the_oldest_change_waited_the_longest_delay()
    {
        Assert.Equal(TimeSpan.Zero, Decide(12, oldestMs: 2000, newestMs: 5));
        Assert.Equal(TimeSpan.FromMilliseconds(100), Decide(12, oldestMs: 1900, newestMs: 5));
    }

    [Fact]
    public void Empty_line_waits_for_work()
    {
        Assert.Null(Decide(0, 0, 0));
    }
}
