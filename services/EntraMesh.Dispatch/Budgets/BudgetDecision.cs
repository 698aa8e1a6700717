namespace EntraMesh.Dispatch.Budgets;

/// <summary>What the tenant's budgets allow right now.</summary>
public abstract record BudgetDecision
{
    /// <summary>
    /// A call may be made. <paramref name="OthersWait"/>: only leavers may go now (the daily budget or the rate window is
    /// down to its leaver reserve); the others wait until then.
    /// </summary>
    public sealed record Send(int DailyRemainingAfter, Wait? OthersWait = null) : BudgetDecision
    {
        public bool LeaversOnly => OthersWait is not null;
    }

    /// <summary>No call before <paramref name="Until"/> (database clock).</summary>
    public sealed record Wait(DateTimeOffset Until, string Reason) : BudgetDecision;
}
