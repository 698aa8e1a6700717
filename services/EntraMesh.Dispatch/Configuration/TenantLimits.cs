namespace EntraMesh.Dispatch.Configuration;

/// <summary>A tenant's limits: calls per rate window, calls per rolling 24 hours, and the part of those kept for leavers.</summary>
public sealed record TenantLimits(int CallsPerWindow, TimeSpan RateWindow, int DailyBudget, int LeaverReserve)
{
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);
}
