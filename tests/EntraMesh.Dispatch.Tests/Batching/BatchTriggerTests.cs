using EntraMesh.Dispatch.Batching;

namespace EntraMesh.Dispatch.Tests.Batching;

public sealed class BatchTriggerTests
{
    static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Full_batch_is_sent_at_once()
    {
        Assert.Equal(TimeSpan.Zero, BatchTrigger.Decide(50, TimeSpan.Zero, 50, Window));
    }

    [Fact]
    public void Partial_batch_waits_for_the_rest_of_the_window()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(150), BatchTrigger.Decide(3, TimeSpan.FromMilliseconds(50), 50, Window));
    }

    [Fact]
    public void Partial_batch_is_sent_once_its_oldest_change_waited_the_window()
    {
        Assert.Equal(TimeSpan.Zero, BatchTrigger.Decide(1, Window, 50, Window));
    }

    [Fact]
    public void Empty_line_waits_for_work()
    {
        Assert.Null(BatchTrigger.Decide(0, TimeSpan.Zero, 50, Window));
    }
}
