using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EntraMesh.Launcher.Mesh;

/// <summary>
/// Free loopback ports for the mesh's own listeners, picked below the kernel's ephemeral range.
/// </summary>
/// <remarks>
/// A port from the ephemeral range (what binding port 0 hands out) is free only for the moment: once released, it can be
/// taken at any time as the local end of one of the many outgoing connections a test run makes. A service restarted on
/// it (the chaos run kills and restarts each one) then cannot bind, and a RabbitMQ node cannot boot at all (seen in CI).
/// Nothing takes a port below that range unasked.
/// </remarks>
public static class FreePorts
{
    /// <summary>The lowest port handed out.</summary>
    public const int Lowest = 10000;

    const int LinuxDefaultEphemeralStart = 32768;

    /// <summary>Ports of the shared development servers (PostgreSQL, RabbitMQ: AMQP, management, distribution) and rabbitmqctl's own.</summary>
    static readonly HashSet<int> Reserved = [5432, 5672, 15672, 25672, .. Enumerable.Range(35672, 11)];

    /// <summary>A random port in [<see cref="Lowest"/>, ephemeral range start) that nobody listens on now and is not in <paramref name="excluded"/>.</summary>
    public static int Next(IReadOnlyCollection<int>? excluded = null, Random? random = null)
    {
        random ??= Random.Shared;
        var limit = EphemeralRangeStart();
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = random.Next(Lowest, limit);
            if (excluded?.Contains(port) != true && IsUsable(port)) return port;
        }

        throw new InvalidOperationException($"No free port was found between {Lowest} and {limit}.");
    }

    /// <summary>Neither reserved nor taken: a listener can bind it now.</summary>
    public static bool IsUsable(int port) => !Reserved.Contains(port) && IsFree(port);

    /// <summary>The first port of <c>/proc/sys/net/ipv4/ip_local_port_range</c> (Linux's default, 32768, where it cannot be read).</summary>
    public static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var start = int.Parse(range[0], CultureInfo.InvariantCulture);
            return start > Lowest + 1000 ? start : LinuxDefaultEphemeralStart;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return LinuxDefaultEphemeralStart;
        }
    }

    /// <summary>Something accepts connections on the port.</summary>
    public static bool IsTaken(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
