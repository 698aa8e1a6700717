using System.Net;
using System.Net.Sockets;

namespace EntraMesh.Testing.Chaos.Load;

/// <summary>How the HR system reads a failed attempt: whether to try again, and under which name to count it.</summary>
public static class Attempts
{
    /// <summary>Statuses that say "not now": the gateway or ingest is down, restarting, or its database is.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Exceptions of an attempt whose answer never came (refused, reset, timed out).</summary>
    public static bool IsTransient(Exception error) =>
        error is HttpRequestException or TaskCanceledException or IOException or SocketException;

    public static string Cause(Exception error) => error switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { HttpRequestError: var kind } when kind != HttpRequestError.Unknown => kind.ToString(),
        HttpRequestException { InnerException: SocketException socket } => socket.SocketErrorCode.ToString(),
        _ => error.GetType().Name,
    };

    public static string Cause(HttpStatusCode status) => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Back-off between attempts: 250 ms doubling to 2 s, with jitter.</summary>
    public static TimeSpan Delay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(2000, 250 * Math.Pow(2, Math.Min(attempt, 4))) * (0.75 + Random.Shared.NextDouble() * 0.5));
}
