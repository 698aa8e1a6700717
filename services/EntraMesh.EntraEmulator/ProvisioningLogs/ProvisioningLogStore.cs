namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>
/// The provisioning log of one tenant, kept in (activityDateTime, sequence) order so a query can start at the time its
/// filter asks for and a page token can say exactly where the previous page ended. Bounded: beyond the configured
/// number of entries the oldest tenth is dropped.
/// </summary>
public sealed class ProvisioningLogStore(int maxEntries)
{
    readonly Lock gate = new();
    readonly List<ProvisioningLogEntry> entries = [];
    long sequence;

    public int Count
    {
        get
        {
            lock (gate) return entries.Count;
        }
    }

    public void Append(IReadOnlyList<ProvisioningLogEntry> batch)
    {
        lock (gate)
        {
            foreach (var entry in batch)
            {
                entry.Sequence = ++sequence;
                var index = entries.Count;
                while (index > 0 && entries[index - 1].ActivityDateTime > entry.ActivityDateTime) index--;
                entries.Insert(index, entry);
            }

            if (entries.Count > maxEntries) entries.RemoveRange(0, Math.Max(entries.Count - maxEntries, maxEntries / 10));
        }
    }

    public void Clear()
    {
        lock (gate) entries.Clear();
    }

    /// <summary>
    /// One page of visible entries matching <paramref name="predicate"/> in the asked order, starting after
    /// <paramref name="after"/> (the key of the last entry of the previous page), and whether more follow.
    /// </summary>
    public (List<ProvisioningLogEntry> Page, bool More) Query(
        Func<ProvisioningLogEntry, bool> predicate, bool descending, int top, LogPosition? after,
        DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        var page = new List<ProvisioningLogEntry>(Math.Min(top, 256));
        lock (gate)
        {
            // [low, high) is the slice the time bounds and the page token leave.
            var low = from is { } f ? LowerBound(new LogPosition(f.UtcTicks, long.MinValue)) : 0;
            var high = to is { } t ? LowerBound(new LogPosition(t.UtcTicks, long.MaxValue)) : entries.Count;
            if (after is { } position)
            {
                if (descending) high = Math.Min(high, LowerBound(position));
                else low = Math.Max(low, LowerBound(position with { Sequence = position.Sequence + 1 }));
            }

            for (var i = descending ? high - 1 : low; descending ? i >= low : i < high; i += descending ? -1 : 1)
            {
                var entry = entries[i];
                if (entry.VisibleAt > now || !predicate(entry)) continue;
                if (page.Count == top) return (page, true);
                page.Add(entry);
            }
        }

        return (page, false);
    }

    /// <summary>Every entry, visible or not (for the inspection API).</summary>
    public List<ProvisioningLogEntry> Snapshot()
    {
        lock (gate) return [.. entries];
    }

    /// <summary>Index of the first entry whose key is not less than <paramref name="key"/>.</summary>
    int LowerBound(LogPosition key)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (LogPosition.Of(entries[middle]).CompareTo(key) < 0) low = middle + 1;
            else high = middle;
        }

        return low;
    }
}
