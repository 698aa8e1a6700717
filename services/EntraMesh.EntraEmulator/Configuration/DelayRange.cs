namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>A delay drawn uniformly between <see cref="Min"/> and <see cref="Max"/>.</summary>
public readonly record struct DelayRange(TimeSpan Min, TimeSpan Max)
{
    public static DelayRange From(TimeSpan? min, TimeSpan? max, TimeSpan defaultMin, TimeSpan defaultMax)
    {
        var low = min ?? defaultMin;
        var high = max ?? (min is null ? defaultMax : low);
        return new DelayRange(low, high < low ? low : high);
    }

    public TimeSpan Draw() => Max <= Min ? Min : Min + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (Max - Min).Ticks));
}
