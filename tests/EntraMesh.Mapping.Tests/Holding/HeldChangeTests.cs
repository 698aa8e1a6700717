using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Support;

namespace EntraMesh.Mapping.Tests.Holding;

/// <summary>
/// Future-dated changes are held in PostgreSQL and released when due on the (fake) clock, once, with two replicas
/// competing; terminations dated in the future are sent at midnight of that day in the rule set's time zone.
/// </summary>
public sealed class HeldChangeTests(TwoReplicasFixture mapping) : IClassFixture<TwoReplicasFixture>
{
    static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    DateTimeOffset Now => mapping.Clock.GetUtcNow();

    [Fact]
    public async Task Future_effective_changes_are_held_and_released_on_time_once_across_two_replicas()
    {
        var due = Now.AddDays(2);
        var workers = Enumerable.Range(0, 20).Select(_ => Workers.NewId("effective")).ToList();
        foreach (var worker in workers) await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), Now, effectiveAt: due));
        foreach (var worker in workers) await mapping.Bus.WaitForAsync(worker, 1);

        Assert.All(workers, worker =>
        {
            var held = Assert.Single(mapping.Bus.SkippedFor(worker));
            Assert.Equal((SkipReason.Held, due), (held.Reason, held.HeldUntil));
        });
        Assert.Equal(20, await mapping.ScalarAsync<long>($"SELECT count(*) FROM mapping.held_change WHERE reason = 'EffectiveDate' AND worker_id LIKE 'effective-%'"));

        mapping.Clock.SetUtcNow(due.AddSeconds(-1));
        await Task.Delay(1500);
        Assert.All(workers, worker => Assert.Empty(mapping.Bus.PlannedFor(worker)));

        await mapping.AdvanceUntilAsync(due, () => workers.All(w => mapping.Bus.PlannedFor(w).Count > 0), TimeSpan.FromMilliseconds(500),
            "every held joiner released");
        await mapping.QuiesceAsync();

        Assert.All(workers, worker =>
        {
            var joiner = Assert.Single(mapping.Bus.PlannedFor(worker));
            Assert.Equal((ChangeKind.Joiner, 1L), (joiner.ChangeKind, joiner.Revision));
            Assert.InRange(joiner.PlannedAt, due, due.AddSeconds(10));
        });
        Assert.Equal(0, await mapping.ScalarAsync<long>("SELECT count(*) FROM mapping.held_change WHERE worker_id LIKE 'effective-%'"));
    }

    [Fact]
    public async Task Joiner_hired_in_the_future_is_held_until_the_pre_hire_window_opens()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Chicago).Date);
        var hireDate = today.AddDays(30);
        var provisionFrom = Midnight(hireDate.AddDays(-14));
        var worker = Workers.NewId("prehire");
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, Workers.Employee(worker), Now, hireDate: hireDate));
        await mapping.Bus.WaitForAsync(worker, 1);

        var held = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.Held, provisionFrom, "woodgrove-ad"), (held.Reason, held.HeldUntil, held.Target));
        Assert.Contains($"hired on {hireDate:yyyy-MM-dd}", held.Detail);

        mapping.Clock.SetUtcNow(provisionFrom.AddSeconds(-1));
        await Task.Delay(1500);
        Assert.Empty(mapping.Bus.PlannedFor(worker));

        await mapping.AdvanceUntilAsync(provisionFrom, () => mapping.Bus.PlannedFor(worker).Count > 0, TimeSpan.FromMilliseconds(500), "pre-hire joiner released");
        var joiner = Assert.Single(mapping.Bus.PlannedFor(worker));
        Assert.Equal(ChangeKind.Joiner, joiner.ChangeKind);
        Assert.InRange(joiner.PlannedAt, provisionFrom, provisionFrom.AddSeconds(10));
    }

    [Fact]
    public async Task Termination_dated_in_the_future_is_sent_at_midnight_of_that_day_in_the_rule_sets_time_zone()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Chicago).Date);
        var terminationDate = today.AddDays(3);
        var terminationAt = Midnight(terminationDate);
        var worker = Workers.NewId("termination");
        var record = Workers.Record(worker, 1, Workers.Employee(worker), Now, terminationDate: terminationDate);
        await mapping.Bus.PublishAsync(record);
        await mapping.Bus.WaitForAsync(worker, 2);

        var joiner = Assert.Single(mapping.Bus.PlannedFor(worker));
        Assert.True(joiner.Data["active"]!.GetValue<bool>());
        var held = Assert.Single(mapping.Bus.SkippedFor(worker));
        Assert.Equal((SkipReason.Held, terminationAt), (held.Reason, held.HeldUntil));
        Assert.Equal(1, await mapping.ScalarAsync<long>($"SELECT count(*) FROM mapping.held_change WHERE worker_id = '{worker}' AND reason = 'Termination'"));

        mapping.Clock.SetUtcNow(terminationAt.AddSeconds(-1));
        await Task.Delay(1500);
        Assert.Single(mapping.Bus.PlannedFor(worker));

        await mapping.AdvanceUntilAsync(terminationAt, () => mapping.Bus.PlannedFor(worker).Count > 1, TimeSpan.FromMilliseconds(500), "leaver released");
        await mapping.QuiesceAsync();
        var leaver = mapping.Bus.PlannedFor(worker)[1];
        Assert.Equal((ChangeKind.Leaver, record.RecordId, 1L), (leaver.ChangeKind, leaver.RecordId, leaver.Revision));
        Assert.False(leaver.Data["active"]!.GetValue<bool>());
        Assert.InRange(leaver.PlannedAt, terminationAt, terminationAt.AddSeconds(10));
        Assert.Equal(2, mapping.Bus.PlannedFor(worker).Count);
        Assert.Equal(0, await mapping.ScalarAsync<long>($"SELECT count(*) FROM mapping.held_change WHERE worker_id = '{worker}'"));
    }

    [Fact]
    public async Task Newer_record_replaces_a_held_change_which_is_then_never_released()
    {
        var worker = Workers.NewId("superseded");
        var employee = Workers.Employee(worker);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 1, employee, Now));
        await mapping.Bus.WaitForAsync(worker, 1);

        var firstDue = Now.AddDays(1);
        var secondDue = Now.AddDays(2);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 2, employee.With("JobTitle", "Director"), Now, effectiveAt: firstDue));
        await mapping.Bus.WaitForAsync(worker, 2);
        await mapping.Bus.PublishAsync(Workers.Record(worker, 3, employee.With("JobTitle", "Vice President"), Now, effectiveAt: secondDue));
        await mapping.Bus.WaitForAsync(worker, 3);
        Assert.Equal([firstDue, secondDue], mapping.Bus.SkippedFor(worker).Select(s => s.HeldUntil!.Value));

        mapping.Clock.SetUtcNow(firstDue.AddSeconds(5));
        await Task.Delay(1500);
        Assert.Single(mapping.Bus.PlannedFor(worker));

        await mapping.AdvanceUntilAsync(secondDue, () => mapping.Bus.PlannedFor(worker).Count > 1, TimeSpan.FromHours(6), "newest held change released");
        await mapping.QuiesceAsync();
        var changes = mapping.Bus.PlannedFor(worker);
        Assert.Equal(2, changes.Count);
        Assert.Equal((ChangeKind.Mover, 3L, "Vice President"), (changes[1].ChangeKind, changes[1].Revision, changes[1].Data["title"]!.GetValue<string>()));
    }

    static DateTimeOffset Midnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Chicago.GetUtcOffset(local)).ToUniversalTime();
    }
}
