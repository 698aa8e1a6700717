namespace EntraMesh.Mapping.Reload;

/// <summary>What the reloader last saw: when it last read the file, and the last file it refused (if any).</summary>
public sealed class ReloadStatus
{
    RejectedRuleSet? lastRejected;
    DateTimeOffset? lastCheckedAt;

    public RejectedRuleSet? LastRejected => Volatile.Read(ref lastRejected);

    public DateTimeOffset? LastCheckedAt
    {
        get
        {
            lock (this) return lastCheckedAt;
        }
    }

    public void Checked(DateTimeOffset at)
    {
        lock (this) lastCheckedAt = at;
    }

    public void Rejected(RejectedRuleSet rejected) => Volatile.Write(ref lastRejected, rejected);
}
