using EntraMesh.Dispatch.Budgets;
using EntraMesh.Dispatch.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EntraMesh.Dispatch.Tests.Budgets;

public sealed class BudgetPolicyTests
{
    static readonly TenantLimits Entra = new(CallsPerWindow: 40, RateWindow: TimeSpan.FromSeconds(5), DailyBudget: 2000, LeaverReserve: 100);
    static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);
    readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    LedgerSnapshot Ledger(IReadOnlyList<DateTimeOffset> recent, int day = 0, DateTimeOffset? oldest = null, DateTimeOffset? throttled = null) =>
        new(time.GetUtcNow(), recent, day, oldest, throttled);

    [Fact]
    public void Call_is_allowed_while_the_window_has_room()
    {
        var recent = Enumerable.Range(0, 39).Select(i => time.GetUtcNow() - TimeSpan.FromMilliseconds(100 * i)).ToList();

        var decision = BudgetPolicy.Decide(Ledger(recent, day: 39), Entra, Margin);

        Assert.Equal(new BudgetDecision.Send(DailyRemainingAfter: 2000 - 39 - 1), decision);
    }

    [Fact]
    public void Forty_first_call_waits_until_the_oldest_call_of_the_window_has_left_it()
    {
        var start = time.GetUtcNow();
        var recent = Enumerable.Range(0, 40).Select(i => start + TimeSpan.FromMilliseconds(10 * i)).ToList();
        time.Advance(TimeSpan.FromSeconds(1));

        var decision = Assert.IsType<BudgetDecision.Wait>(BudgetPolicy.Decide(Ledger(recent, day: 40), Entra, Margin));

        // The oldest answered call may have reached Entra as late as its completion: wait window + margin after that.
        Assert.Equal(start + TimeSpan.FromSeconds(5) + Margin, decision.Until);
    }

    [Fact]
    public void Last_calls_of_the_window_are_kept_for_leavers_and_the_others_wait_until_a_call_leaves_the_window()
    {
        var start = time.GetUtcNow();
        var limits = Entra with { WindowLeaverReserve = 2 };
        var recent = Enumerable.Range(0, 38).Select(i => start + TimeSpan.FromMilliseconds(10 * i)).ToList();
        time.Advance(TimeSpan.FromSeconds(1));

        var reserved = Assert.IsType<BudgetDecision.Send>(BudgetPolicy.Decide(Ledger(recent, day: 38), limits, Margin));
        Assert.True(reserved.LeaversOnly);
        Assert.Equal(start + TimeSpan.FromSeconds(5) + Margin, reserved.OthersWait!.Until);
        Assert.Contains("rate window", reserved.OthersWait.Reason);

        Assert.False(Assert.IsType<BudgetDecision.Send>(BudgetPolicy.Decide(Ledger(recent.Skip(1).ToList(), day: 37), limits, Margin)).LeaversOnly);
        Assert.True(Assert.IsType<BudgetDecision.Send>(BudgetPolicy.Decide(Ledger([.. recent, start], day: 39), limits, Margin)).LeaversOnly);
        Assert.IsType<BudgetDecision.Wait>(BudgetPolicy.Decide(Ledger([.. recent, start, start], day: 40), limits, Margin));
    }

    [Fact]
    public void Calls_answered_longer_ago_than_the_window_do_not_count()
    {
        var old = Enumerable.Range(0, 40).Select(_ => time.GetUtcNow()).ToList();
        time.Advance(TimeSpan.FromSeconds(5) + Margin + TimeSpan.FromMilliseconds(1));

        Assert.IsType<BudgetDecision.Send>(BudgetPolicy.Decide(Ledger(old, day: 40), Entra, Margin));
    }

    [Fact]
    public void Only_leavers_go_when_the_daily_budget_is_down_to_the_reserve()
    {
        var oldest = time.GetUtcNow() - TimeSpan.FromHours(3);

        var decision = Assert.IsType<BudgetDecision.Send>(BudgetPolicy.Decide(Ledger([], day: 1900, oldest: oldest), Entra, Margin));

        Assert.True(decision.LeaversOnly);
        Assert.Equal(99, decision.DailyRemainingAfter);
        Assert.Equal(oldest + TimeSpan.FromHours(24), decision.OthersWait!.Until);
        Assert.Contains("daily budget", decision.OthersWait.Reason);
    }

    [Fact]
    public void Everyone_goes_while_more_than_the_reserve_is_left()
    {
        var decision = BudgetPolicy.Decide(Ledger([], day: 1899), Entra, Margin);

        Assert.Equal(new BudgetDecision.Send(DailyRemainingAfter: 100), decision);
    }

    [Fact]
    public void Spent_daily_budget_waits_until_the_oldest_call_of_the_day_is_24_hours_old()
    {
        var oldest = time.GetUtcNow() - TimeSpan.FromHours(20);

        var decision = Assert.IsType<BudgetDecision.Wait>(BudgetPolicy.Decide(Ledger([], day: 2000, oldest: oldest), Entra, Margin));

        Assert.Equal(oldest + TimeSpan.FromHours(24), decision.Until);
    }

    [Fact]
    public void Tenant_throttled_by_Entra_waits_for_Retry_After()
    {
        var until = time.GetUtcNow() + TimeSpan.FromSeconds(7);

        var decision = Assert.IsType<BudgetDecision.Wait>(BudgetPolicy.Decide(Ledger([], throttled: until), Entra, Margin));

        Assert.Equal(until, decision.Until);
    }
}
