using System.Net.Sockets;
using Npgsql;

namespace EntraMesh.Hosting.Messaging;

/// <summary>
/// Tells an outage of what a consumer depends on (PostgreSQL restarting, failing over or refusing connections; a peer's
/// socket refused or reset; a timeout) from a fault of the message itself, and spaces the retries that ride an outage out.
/// A message that meets an outage waits in memory for it to end instead of going to the <c>_error</c> queue after the
/// short retries: a database restart must not turn healthy messages into poison an operator has to move back.
/// </summary>
public static class OutageRetry
{
    static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    /// <summary>Whether the exception, or one it wraps, says a dependency is unreachable for now.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var error = exception; error is not null; error = error.InnerException)
        {
            switch (error)
            {
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Intervals doubling from 1 s to 15 s whose sum covers <paramref name="window"/>; none for a zero window.</summary>
    public static TimeSpan[] Intervals(TimeSpan window)
    {
        var intervals = new List<TimeSpan>();
        var total = TimeSpan.Zero;
        var next = First;
        while (total < window)
        {
            intervals.Add(next);
            total += next;
            next = next * 2 < Longest ? next * 2 : Longest;
        }

        return [.. intervals];
    }
}
