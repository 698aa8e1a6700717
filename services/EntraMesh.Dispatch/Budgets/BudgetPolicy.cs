using EntraMesh.Dispatch.Configuration;

namespace EntraMesh.Dispatch.Budgets;

/// <summary>
/// Decides from the shared call ledger whether a tenant may take one more call now.
/// <list type="bullet">
/// <item>Rate window: a new call arrives at Entra no earlier than its reservation, and an older call arrived no later
/// than its completion. Counting every older call whose completion lies within <c>window + margin</c> before now
/// therefore counts at least every call Entra could still see in its window, whatever the latencies were.</item>
/// <item>Daily budget: calls in the last 24 hours; when what is left reaches the leaver reserve, only leavers go.</item>
/// <item>Leavers in the rate window: the last <c>WindowLeaverReserve</c> calls of every window are for leavers, so a
/// termination finds a call free however large the backlog of other changes.</item>
/// <item>A 429 from Entra pauses the tenant until its Retry-After.</item>
/// </list>
/// </summary>
public static class BudgetPolicy
{
    public static BudgetDecision Decide(LedgerSnapshot ledger, TenantLimits limits, TimeSpan safetyMargin)
    {
        if (ledger.ThrottledUntil is { } throttled && throttled > ledger.Now)
        {
            return new BudgetDecision.Wait(throttled, "Entra answered 429; waiting for Retry-After");
        }

        var span = limits.RateWindow + safetyMargin;
        var inWindow = ledger.RecentArrivalBounds.Where(bound => bound > ledger.Now - span).OrderBy(bound => bound).ToList();
        if (inWindow.Count >= limits.CallsPerWindow)
        {
            // The window has room again once enough of the oldest calls have left it.
            var leaving = inWindow[inWindow.Count - limits.CallsPerWindow];
            return new BudgetDecision.Wait(leaving + span, "rate window full");
        }

        var remaining = limits.DailyBudget - ledger.CallsInLastDay;
        if (remaining <= 0)
        {
            return new BudgetDecision.Wait((ledger.OldestInLastDay ?? ledger.Now) + TenantLimits.Day, "daily budget spent");
        }

        if (remaining <= limits.LeaverReserve)
        {
            return new BudgetDecision.Send(remaining - 1, new BudgetDecision.Wait(DailySlotFreesAt(ledger), "daily budget down to the leaver reserve"));
        }

        var forOthers = limits.CallsPerWindow - limits.WindowLeaverReserve;
        if (inWindow.Count >= forOthers)
        {
            var leaving = inWindow[inWindow.Count - forOthers];
            return new BudgetDecision.Send(remaining - 1, new BudgetDecision.Wait(leaving + span, "rate window down to the leaver reserve"));
        }

        return new BudgetDecision.Send(remaining - 1);
    }

    /// <summary>When a call frees up in the daily budget (for a target that waits with only non-leavers in line).</summary>
    static DateTimeOffset DailySlotFreesAt(LedgerSnapshot ledger) =>
        (ledger.OldestInLastDay ?? ledger.Now) + TenantLimits.Day;
}
