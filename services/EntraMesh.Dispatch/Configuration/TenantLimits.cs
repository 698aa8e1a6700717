namespace EntraMesh.Dispatch.Configuration;

/// <summary>
/// A tenant's limits: calls per rate window, calls per rolling 24 hours, and the part of each kept for leavers (of the daily
/// budget, <paramref name="LeaverReserve"/>; of every rate window, <paramref name="WindowLeaverReserve"/>).
/// </summary>
public sealed record TenantLimits(int CallsPerWindow, TimeSpan RateWindow, int DailyBudget, int LeaverReserve, int WindowLeaverReserve = 0)
{
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);
}
