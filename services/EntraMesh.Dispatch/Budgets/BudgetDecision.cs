namespace EntraMesh.Dispatch.Budgets;

/// <summary>What the tenant's budgets allow right now.</summary>
public abstract record BudgetDecision
{
    /// <summary>A call may be made. <paramref name="LeaversOnly"/>: the daily budget is down to the leaver reserve.</summary>
    public sealed record Send(bool LeaversOnly, int DailyRemainingAfter) : BudgetDecision;

    /// <summary>No call before <paramref name="Until"/> (database clock).</summary>
    public sealed record Wait(DateTimeOffset Until, string Reason) : BudgetDecision;
}
