namespace EntraMesh.Dispatch.Batching;

/// <summary>The outcome of trying to reserve a call.</summary>
public abstract record ClaimResult
{
    /// <summary>One call reserved, or several (one claim may reserve further full calls, see <see cref="BatchQueue.ClaimAsync"/>).</summary>
    public sealed record Claimed(IReadOnlyList<ClaimedBatch> Batches) : ClaimResult
    {
        public Claimed(ClaimedBatch batch)
            : this([batch])
        {
        }

        /// <summary>The first call reserved.</summary>
        public ClaimedBatch Batch => Batches[0];
    }

    /// <summary>
    /// No call before <paramref name="Until"/> (database clock), measured from <paramref name="Now"/>; with
    /// <paramref name="LeaversMayGo"/>, a leaver arriving meanwhile may still go at once.
    /// </summary>
    public sealed record Wait(DateTimeOffset Until, DateTimeOffset Now, string Reason, bool LeaversMayGo = false) : ClaimResult
    {
        public TimeSpan Delay => Until > Now ? Until - Now : TimeSpan.Zero;
    }

    /// <summary>Nothing is waiting that may go now.</summary>
    public sealed record Empty : ClaimResult;

    /// <summary>The reserved operations are no longer this call's (their lease ended and another call took them).</summary>
    public sealed record Lost : ClaimResult;
}
