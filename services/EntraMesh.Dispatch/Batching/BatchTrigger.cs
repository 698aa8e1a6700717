namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// When to send. At once when a full batch is waiting (a backlog). Otherwise once changes stopped arriving for the
/// batch window (the burst that brought them is over, so waiting longer gains nothing), or at the latest when the
/// oldest has waited the longest delay (a steady trickle still goes out). Every call counts against Entra's daily
/// budget, so a burst of 1,000 changes becomes 20 calls of 50, not a call per window.
/// </summary>
public static class BatchTrigger
{
    /// <summary>Zero: send now. Null: nothing waits. Otherwise how long to wait before looking again.</summary>
    public static TimeSpan? Decide(QueuePeek line, int batchSize, TimeSpan window, TimeSpan maxDelay)
    {
        if (line.Waiting <= 0) return null;
        if (line.Waiting >= batchSize || line.SinceNewest >= window || line.OldestWaited >= maxDelay) return TimeSpan.Zero;
        var untilQuiet = window - line.SinceNewest;
        var untilLatest = maxDelay - line.OldestWaited;
        return untilQuiet < untilLatest ? untilQuiet : untilLatest;
    }
}
