using EntraMesh.Contracts;
using EntraMesh.Dispatch.Pending;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Dispatch.Tests.Pending;

public sealed class CoalescingTests
{
    readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    QueuePlace Place(ChangeKind kind)
    {
        var place = new QueuePlace(kind, ChangePriorities.For(kind), time.GetUtcNow(), time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(1));
        return place;
    }

    [Fact]
    public void Update_that_replaces_a_pending_leaver_still_goes_out_as_a_leaver()
    {
        var leaver = Place(ChangeKind.Leaver);
        var update = Place(ChangeKind.Update);

        var merged = Coalescing.Merge(leaver, update);

        Assert.Equal(ChangeKind.Leaver, merged.Kind);
        Assert.Equal(ChangePriority.Leaver, merged.Priority);
    }

    [Fact]
    public void Replacement_keeps_the_earliest_place_in_line_and_plan_time()
    {
        var first = Place(ChangeKind.Update);
        var second = Place(ChangeKind.Update);

        var merged = Coalescing.Merge(first, second);

        Assert.Equal(first.QueuedAt, merged.QueuedAt);
        Assert.Equal(first.PlannedAt, merged.PlannedAt);
    }

    [Fact]
    public void Leaver_that_replaces_a_pending_update_becomes_a_leaver()
    {
        var merged = Coalescing.Merge(Place(ChangeKind.Update), Place(ChangeKind.Leaver));

        Assert.Equal(ChangeKind.Leaver, merged.Kind);
        Assert.Equal(ChangePriority.Leaver, merged.Priority);
    }

    [Fact]
    public void Rehire_after_a_pending_leaver_is_a_rehire_sent_with_leaver_urgency()
    {
        var merged = Coalescing.Merge(Place(ChangeKind.Leaver), Place(ChangeKind.Rehire));

        Assert.Equal(ChangeKind.Rehire, merged.Kind);
        Assert.Equal(ChangePriority.Leaver, merged.Priority);
    }

    [Fact]
    public void Joiner_not_yet_sent_stays_a_joiner_when_its_details_change()
    {
        var merged = Coalescing.Merge(Place(ChangeKind.Joiner), Place(ChangeKind.Update));

        Assert.Equal(ChangeKind.Joiner, merged.Kind);
        Assert.Equal(ChangePriority.Joiner, merged.Priority);
    }
}
