namespace EntraMesh.EntraEmulator.Diagnostics;

/// <summary>The most recent calls to emulated endpoints (a ring of <see cref="Capacity"/> records).</summary>
public sealed class CallLog
{
    public const int Capacity = 50_000;

    readonly Lock gate = new();
    readonly CallRecord[] ring = new CallRecord[Capacity];
    int next;
    int count;

    public void Add(CallRecord record)
    {
        lock (gate)
        {
            ring[next] = record;
            next = (next + 1) % Capacity;
            if (count < Capacity) count++;
        }
    }

    /// <summary>Records at or after <paramref name="since"/>, oldest first.</summary>
    public List<CallRecord> Since(DateTimeOffset? since, int limit)
    {
        lock (gate)
        {
            var result = new List<CallRecord>(Math.Min(count, limit));
            var start = (next - count + Capacity) % Capacity;
            for (var i = 0; i < count && result.Count < limit; i++)
            {
                var record = ring[(start + i) % Capacity];
                if (since is null || record.At >= since) result.Add(record);
            }

            return result;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            Array.Clear(ring);
            next = count = 0;
        }
    }
}
