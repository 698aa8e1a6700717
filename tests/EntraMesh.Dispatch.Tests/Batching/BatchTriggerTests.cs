using EntraMesh.Dispatch.Batching;

namespace EntraMesh.Dispatch.Tests.Batching;

public sealed class BatchTriggerTests
{
    static readonly BatchTiming Timing = new(50, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

    /// <summary>A line of leavers, joiners or rehires only.</summary>
    static TimeSpan? Decide(int waiting, int oldestMs, int newestMs) =>
        BatchTrigger.Decide(new QueuePeek(waiting, Ms(oldestMs), Ms(newestMs), waiting, Ms(oldestMs)), Timing);

    /// <summary>A line of movers and updates only.</summary>
    static TimeSpan? DecideRoutine(int waiting, int oldestMs, int newestMs) =>
        BatchTrigger.Decide(new QueuePeek(waiting, Ms(oldestMs), Ms(newestMs), 0, TimeSpan.Zero), Timing);

    static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Full_batch_is_sent_at_once()
    {
        Assert.Equal(TimeSpan.Zero, Decide(50, oldestMs: 0, newestMs: 0));
        Assert.Equal(TimeSpan.Zero, DecideRoutine(50, oldestMs: 0, newestMs: 0));
    }

    [Fact]
    public void Partial_batch_waits_while_changes_keep_arriving()
    {
        Assert.Equal(Ms(240), Decide(37, oldestMs: 900, newestMs: 10));
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
        Assert.Equal(Ms(100), Decide(12, oldestMs: 1900, newestMs: 5));
    }

    [Fact]
    public void Empty_line_waits_for_work()
    {
        Assert.Null(Decide(0, 0, 0));
    }

    [Fact]
    public void Updates_arriving_now_and_then_keep_waiting_for_the_routine_window()
    {
        Assert.Equal(TimeSpan.FromSeconds(8), DecideRoutine(12, oldestMs: 5000, newestMs: 2000));
        Assert.Equal(TimeSpan.FromSeconds(9.5), DecideRoutine(1, oldestMs: 500, newestMs: 500));
    }

    [Fact]
    public void Updates_are_sent_once_none_arrived_for_the_routine_window()
    {
        Assert.Equal(TimeSpan.Zero, DecideRoutine(12, oldestMs: 30_000, newestMs: 10_000));
    }

    [Fact]
    public void Steady_trickle_of_updates_is_sent_when_the_oldest_waited_the_routine_delay()
    {
        Assert.Equal(TimeSpan.Zero, DecideRoutine(30, oldestMs: 60_000, newestMs: 100));
        Assert.Equal(TimeSpan.FromSeconds(1), DecideRoutine(30, oldestMs: 59_000, newestMs: 100));
    }

    [Fact]
    public void Leaver_among_waiting_updates_goes_within_the_short_window_not_the_routine_one()
    {
        var line = new QueuePeek(21, OldestWaited: TimeSpan.FromSeconds(30), SinceNewest: Ms(250), Urgent: 1, UrgentOldestWaited: Ms(250));
        Assert.Equal(TimeSpan.Zero, BatchTrigger.Decide(line, Timing));

        var justArrived = line with { SinceNewest = Ms(100), UrgentOldestWaited = Ms(100) };
        Assert.Equal(Ms(150), BatchTrigger.Decide(justArrived, Timing));
    }
}
