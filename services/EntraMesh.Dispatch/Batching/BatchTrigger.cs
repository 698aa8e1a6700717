namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// When to send. At once when a full batch is waiting (a backlog). Otherwise once changes stopped arriving for the
/// batch window (the burst that brought them is over, so waiting longer gains nothing), or at the latest when the
/// oldest has waited the longest delay (a steady trickle still goes out). Every call counts against Entra's daily
/// budget, so a burst of 1,000 changes becomes 20 calls of 50, not a call per window. A line of only movers and
/// updates uses the longer routine window and delay: the few changes of a large daily file, which arrive spread over
/// the minute it takes to read it, then fill whole calls instead of costing one call each.
/// </summary>
public static class BatchTrigger
{
    /// <summary>Zero: send now. Null: nothing waits. Otherwise how long to wait before looking again.</summary>
    public static TimeSpan? Decide(QueuePeek line, BatchTiming timing)
    {
        if (line.Waiting <= 0) return null;
        if (line.Waiting >= timing.BatchSize) return TimeSpan.Zero;

        var urgent = line.Urgent > 0;
        var window = urgent ? timing.Window : timing.RoutineWindow;
        var maxDelay = urgent ? timing.MaxDelay : timing.RoutineMaxDelay;
        var oldest = urgent ? line.UrgentOldestWaited : line.OldestWaited;
        if (line.SinceNewest >= window || oldest >= maxDelay) return TimeSpan.Zero;

        var untilQuiet = window - line.SinceNewest;
        var untilLatest = maxDelay - oldest;
        return untilQuiet < untilLatest ? untilQuiet : untilLatest;
    }
}
