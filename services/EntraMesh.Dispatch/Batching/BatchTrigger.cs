namespace EntraMesh.Dispatch.Batching;

/// <summary>
/// When to send: at once when a full batch is waiting (a backlog), otherwise when the oldest waiting change has
/// waited the batch window, so a lone change is not held back for companions that do not come.
/// </summary>
public static class BatchTrigger
{
    /// <summary>Zero: send now. Null: nothing waits. Otherwise how long to wait before looking again.</summary>
    public static TimeSpan? Decide(int waiting, TimeSpan oldestWaited, int batchSize, TimeSpan window)
    {
        if (waiting <= 0) return null;
        if (waiting >= batchSize || oldestWaited >= window) return TimeSpan.Zero;
        return window - oldestWaited;
    }
}
