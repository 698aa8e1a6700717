namespace EntraMesh.EntraEmulator.RateLimits;

/// <summary>
/// At most <see cref="Limit"/> calls in any window of <see cref="Window"/>: the times of the last <c>Limit</c> admitted calls
/// are kept in a ring; a call is admitted when the oldest of them has left the window. Not thread-safe (the owner locks).
/// </summary>
public sealed class SlidingWindowLimit
{
    readonly long[] admitted;
    int next;
    int count;

    public SlidingWindowLimit(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
        Window = window;
        admitted = new long[limit];
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>Calls admitted in the window ending at <paramref name="now"/>.</summary>
    public int CountIn(DateTimeOffset now)
    {
        var since = now.UtcTicks - Window.Ticks;
        var inWindow = 0;
        for (var i = 0; i < count; i++)
        {
            if (admitted[i] > since) inWindow++;
        }

        return inWindow;
    }

    /// <summary>How long until a call would be admitted (zero: now).</summary>
    public TimeSpan WaitFor(DateTimeOffset now)
    {
        if (count < Limit) return TimeSpan.Zero;
        var oldest = admitted[next];
        var wait = oldest + Window.Ticks - now.UtcTicks;
        return wait > 0 ? TimeSpan.FromTicks(wait) : TimeSpan.Zero;
    }

    public void Admit(DateTimeOffset now)
    {
        admitted[next] = now.UtcTicks;
        next = (next + 1) % Limit;
        if (count < Limit) count++;
    }
}
