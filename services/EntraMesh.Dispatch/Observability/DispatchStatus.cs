using System.Collections.Concurrent;
using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.Observability;

/// <summary>
/// The latest known state of every target, read from the database by <see cref="StatusRefresher"/> (so every replica
/// sees what any replica did) and updated at once by this replica's own senders. Metrics and the health check read it.
/// </summary>
public sealed class DispatchStatus
{
    readonly ConcurrentDictionary<(string Target, ChangePriority Priority), long> pending = new();
    readonly ConcurrentDictionary<string, (int Remaining, int Limit)> dailyBudget = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, string> stopped = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, DateTimeOffset> stoppedAsOf = new(StringComparer.OrdinalIgnoreCase);
    readonly Lock gate = new();

    public IEnumerable<KeyValuePair<(string Target, ChangePriority Priority), long>> Pending => pending;

    public IEnumerable<KeyValuePair<string, (int Remaining, int Limit)>> DailyBudget => dailyBudget;

    /// <summary>Stopped targets and why.</summary>
    public IReadOnlyDictionary<string, string> Stopped => stopped;

    public void SetPending(string target, IReadOnlyDictionary<ChangePriority, long> counts)
    {
        foreach (var priority in Enum.GetValues<ChangePriority>())
        {
            pending[(target, priority)] = counts.TryGetValue(priority, out var count) ? count : 0;
        }
    }

    public void SetDailyBudget(string target, int remaining, int limit) => dailyBudget[target] = (remaining, limit);

    /// <summary>
    /// Records whether <paramref name="target"/> is stopped as known at <paramref name="asOf"/>; an older view (a
    /// database read that began before this replica's own update) does not overwrite a newer one.
    /// </summary>
    public void SetStopped(string target, string? reason, DateTimeOffset asOf)
    {
        lock (gate)
        {
            if (stoppedAsOf.TryGetValue(target, out var known) && known > asOf) return;
            stoppedAsOf[target] = asOf;
            if (reason is null) stopped.TryRemove(target, out _);
            else stopped[target] = reason;
        }
    }
}
