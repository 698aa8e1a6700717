using EntraMesh.EntraEmulator.Configuration;

namespace EntraMesh.EntraEmulator.RateLimits;

/// <summary>
/// A tenant's bulkUpload budget: <c>CallsPerWindow</c> calls in any <c>Window</c> and <c>DailyCalls</c> in any
/// <c>DailyWindow</c>. A refused call is not counted. Limits can be replaced at run time (history starts over).
/// </summary>
public sealed class TenantRateLimiter
{
    readonly Lock gate = new();
    readonly int? tenantDailyCalls;
    SlidingWindowLimit? window;
    SlidingWindowLimit? daily;

    public TenantRateLimiter(LimitsOptions limits, int? tenantDailyCalls)
    {
        this.tenantDailyCalls = tenantDailyCalls;
        Apply(limits);
    }

    public void Apply(LimitsOptions limits)
    {
        var dailyCalls = tenantDailyCalls ?? limits.DailyCalls;
        lock (gate)
        {
            window = limits.Enabled && limits.CallsPerWindow > 0 ? new SlidingWindowLimit(limits.CallsPerWindow, limits.Window) : null;
            daily = limits.Enabled && dailyCalls > 0 ? new SlidingWindowLimit(dailyCalls, limits.DailyWindow) : null;
        }
    }

    public RateDecision TryAdmit(DateTimeOffset now)
    {
        lock (gate)
        {
            var dailyWait = daily?.WaitFor(now) ?? TimeSpan.Zero;
            if (dailyWait > TimeSpan.Zero) return new RateDecision(false, dailyWait, $"{daily!.Limit} calls per {Describe(daily.Window)}");
            var windowWait = window?.WaitFor(now) ?? TimeSpan.Zero;
            if (windowWait > TimeSpan.Zero) return new RateDecision(false, windowWait, $"{window!.Limit} calls per {Describe(window.Window)}");
            window?.Admit(now);
            daily?.Admit(now);
            return RateDecision.Allow;
        }
    }

    /// <summary>Calls counted in the current daily window (for the inspection API).</summary>
    public int DailyCount(DateTimeOffset now)
    {
        lock (gate) return daily?.CountIn(now) ?? 0;
    }

    static string Describe(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:0.##} h" : $"{span.TotalSeconds:0.##} s";
}
